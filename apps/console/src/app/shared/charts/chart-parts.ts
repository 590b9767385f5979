import {
  ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Filler, Legend, LineController, LineElement, LinearScale,
  PointElement, Tooltip,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { provideCharts } from 'ng2-charts';

/**
 * The Chart.js parts the console's charts use (bars, lines, doughnut, the weekday × hour matrix),
 * registered by the screens that draw charts only: the sign-in page never downloads them.
 */
export function provideConsoleCharts() {
  return provideCharts({
    registerables: [
      BarController, BarElement, LineController, LineElement, PointElement, Filler, DoughnutController, ArcElement,
      CategoryScale, LinearScale, Tooltip, Legend, MatrixController, MatrixElement,
    ],
    defaults: { font: { family: 'Roboto, "Helvetica Neue", sans-serif' }, color: '#44474e' },
  });
}

/** One set of series colours (the theme's primary first), readable on white. */
export const SERIES_COLOURS = ['#005cbb', '#7d5260', '#006a60', '#8a5100', '#5b5d72', '#a8072b', '#4f378b', '#386a20'] as const;
