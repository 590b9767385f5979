import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { notificationEmail } from './notification-mailer.js';

const cwd = () => mkdtempSync(join(tmpdir(), 'vd-mail-'));

describe('notification e-mail', () => {
  it('is off unless SMTP_URL is set; the sender and the console address have defaults', () => {
    expect(loadConfig({}, cwd()).notifyEmail).toBeUndefined();
    const on = loadConfig({ SMTP_URL: 'smtp://mailer:s3cret@mail.example:587', PORT: '8080' }, cwd());
    expect(on.notifyEmail).toEqual({ smtpUrl: 'smtp://mailer:s3cret@mail.example:587', from: 'VoiceDesk <notifications@voicedesk.local>' });
    expect(on.publicUrl).toBe('http://localhost:8080');
  });

  it('refuses an SMTP_URL or a sender that is not one, naming the variable and not its value', () => {
    for (const SMTP_URL of ['mail.example:587', 'https://mail.example', 'smtp//x']) {
      expect(() => loadConfig({ SMTP_URL }, cwd())).toThrow(new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL'));
    }
    expect(() => loadConfig({ SMTP_URL: 'smtps://mail.example', NOTIFY_EMAIL_FROM: 'VoiceDesk' }, cwd())).toThrow(/^NOTIFY_EMAIL_FROM must be an e-mail address/);
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example', NOTIFY_EMAIL_FROM: 'Clinic alerts <alerts@clinic.example>' }, cwd()).notifyEmail?.from).toBe('Clinic alerts <alerts@clinic.example>');
  });

  it('says the title and an absolute link to the console page, nothing else', () => {
    const mail = notificationEmail('Harbourview Clinic: EMR connection lost', '/clinics/c1/settings?section=emr', 'https://console.clinic.example');
    expect(mail).toEqual({
      subject: 'Harbourview Clinic: EMR connection lost',
      text: 'Harbourview Clinic: EMR connection lost\n\nOpen it in VoiceDesk: https://console.clinic.example/clinics/c1/settings?section=emr\n\nYou receive this because you have a VoiceDesk account.\n',
    });
    expect(notificationEmail('x', null, 'https://console.clinic.example').text).toContain('Open it in VoiceDesk: https://console.clinic.example\n');
  });
});
