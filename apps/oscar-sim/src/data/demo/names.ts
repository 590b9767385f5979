/** Name pools for the demo charts: the mix of a Metro Vancouver family practice. */
export interface NamePool {
  readonly last: readonly string[];
  readonly female: readonly string[];
  readonly male: readonly string[];
  /** Languages some members of this group speak at home (OSCAR's spokenLanguage). */
  readonly languages: readonly string[];
  readonly weight: number;
}

export const NAME_POOLS: readonly NamePool[] = [
  {
    weight: 40,
    languages: ['English'],
    last: ['SMITH', 'BROWN', 'TREMBLAY', 'MARTIN', 'ROY', 'WILSON', 'MACDONALD', 'TAYLOR', 'CAMPBELL', 'ANDERSON',
      'JONES', 'LEBLANC', 'THOMPSON', 'WHITE', 'MORRISON', 'STEWART', 'CLARK', 'ROBINSON', 'FRASER', 'MACLEOD',
      'MURRAY', 'REID', 'SCOTT', 'YOUNG', 'JOHNSTON', "O'NEILL", 'HUGHES', 'BELL', 'GRAHAM', 'MCKENZIE', 'WALKER',
      'HARRIS', 'BAKER', 'CAMERON', 'FERGUSON', 'PATTERSON', 'ROSS', 'HAMILTON', 'SINCLAIR', 'KENNEDY'],
    female: ['EMMA', 'OLIVIA', 'CHARLOTTE', 'AMELIA', 'SOPHIE', 'CHLOE', 'HANNAH', 'MARGARET', 'SUSAN', 'KAREN',
      'JENNIFER', 'LINDA', 'PATRICIA', 'NANCY', 'DONNA', 'HEATHER', 'MEGAN', 'AVA', 'ISABELLE', 'CLAIRE', 'JOAN',
      'DOROTHY', 'RACHEL', 'LAUREN', 'ABIGAIL'],
    male: ['LIAM', 'NOAH', 'WILLIAM', 'BENJAMIN', 'JAMES', 'LUCAS', 'ETHAN', 'JOHN', 'ROBERT', 'MICHAEL', 'DAVID',
      'RICHARD', 'THOMAS', 'DANIEL', 'MATTHEW', 'ANDREW', 'JACOB', 'GEORGE', 'OWEN', 'RYAN', 'GORDON', 'KEITH',
      'BRIAN', 'NATHAN', 'CONNOR'],
  },
  {
    weight: 8,
    languages: ['English', 'French'],
    last: ['GAGNON', 'BOUCHARD', 'GAUTHIER', 'MORIN', 'LAVOIE', 'FORTIN', 'GAGNE', 'OUELLET', 'PELLETIER', 'BELANGER',
      'LEVESQUE', 'BERGERON', 'COTE', 'GIRARD', 'PAQUETTE'],
    female: ['CHANTAL', 'GENEVIEVE', 'JULIE', 'MARIE', 'NATHALIE', 'SYLVIE', 'CAMILLE', 'ELODIE', 'MELANIE', 'LEA'],
    male: ['JEAN', 'PIERRE', 'LUC', 'MARC', 'ALEXANDRE', 'FRANCOIS', 'GABRIEL', 'MATHIEU', 'SIMON', 'ETIENNE'],
  },
  {
    weight: 22,
    languages: ['English', 'Mandarin', 'Cantonese'],
    last: ['WONG', 'CHAN', 'LEE', 'LI', 'CHEN', 'WANG', 'ZHANG', 'LIU', 'LAM', 'CHEUNG', 'HO', 'NG', 'LEUNG', 'TANG',
      'HUANG', 'ZHAO', 'YANG', 'WU', 'LIN', 'CHOW'],
    female: ['MEI', 'XIN', 'YAN', 'JING', 'LI NA', 'WING', 'KA YAN', 'HUI', 'FANG', 'XIAO', 'ANNIE', 'GRACE',
      'VIVIAN', 'WENDY', 'JOYCE'],
    male: ['WEI', 'JUN', 'HAO', 'MING', 'KEVIN', 'JASON', 'KA WAI', 'CHUN', 'ZHI', 'BRIAN', 'ERIC', 'TONY', 'PETER',
      'YONG', 'LEI'],
  },
  {
    weight: 14,
    languages: ['English', 'Punjabi', 'Hindi'],
    last: ['SINGH', 'SIDHU', 'GILL', 'DHILLON', 'SANDHU', 'GREWAL', 'BRAR', 'SHARMA', 'PATEL', 'KAUR', 'MANN',
      'BAINS', 'JOHAL', 'KANG', 'PUREWAL'],
    female: ['HARPREET', 'JASPREET', 'MANDEEP', 'SIMRAN', 'GURPREET', 'PRIYA', 'ANJALI', 'NAVNEET', 'RAJVIR', 'KIRAN'],
    male: ['GURDEEP', 'JASWINDER', 'MANPREET', 'RAJ', 'AMRIT', 'HARJIT', 'SUKHDEEP', 'ARJUN', 'VIKRAM', 'RAVI'],
  },
  {
    weight: 16,
    languages: ['English', 'Tagalog', 'Korean', 'Vietnamese', 'Farsi', 'Spanish', 'Ukrainian'],
    last: ['SANTOS', 'REYES', 'CRUZ', 'GARCIA', 'KIM', 'PARK', 'CHOI', 'NGUYEN', 'TRAN', 'PHAM', 'AHMADI',
      'HOSSEINI', 'REZAEI', 'RODRIGUEZ', 'LOPEZ', 'KOVALENKO', 'SHEVCHENKO', 'NAKAMURA', 'TANAKA', 'SATO'],
    female: ['MARIA', 'ANGELICA', 'JI-YEON', 'MIN-JI', 'LINH', 'THAO', 'NEGAR', 'SARA', 'SOFIA', 'OKSANA', 'YUKI',
      'HANA', 'ISABEL', 'ROSA', 'LEILA'],
    male: ['JOSE', 'MIGUEL', 'JUN-HO', 'MIN-JUN', 'MINH', 'DUC', 'REZA', 'ALI', 'CARLOS', 'DIEGO', 'TARAS',
      'ANDRIY', 'KENJI', 'HIRO', 'DARIUS'],
  },
];

export const STREETS = ['Main St', 'Commercial Dr', 'Kingsway', 'W 4th Ave', 'Fraser St', 'Victoria Dr', 'Granville St',
  'Cambie St', 'E Hastings St', 'Knight St', 'Oak St', 'W Broadway', 'Dunbar St', 'Rupert St', 'Nanaimo St',
  'E 41st Ave', 'Marine Dr', 'No. 3 Rd', 'Lonsdale Ave', 'Royal Oak Ave'];

/** City and the first letters of its postal codes. */
export const CITIES: ReadonlyArray<readonly [string, string, number]> = [
  ['Vancouver', 'V5', 55], ['Vancouver', 'V6', 15], ['Burnaby', 'V5H', 12], ['Richmond', 'V6X', 8],
  ['North Vancouver', 'V7L', 5], ['New Westminster', 'V3M', 5],
];

export const REASONS: Readonly<Record<string, readonly string[]>> = {
  B: ['Annual physical', 'General check-up', 'Blood pressure check', 'Well-baby visit', 'Immunization', 'Pap test'],
  '2': ['Follow-up on lab results', 'Follow-up: diabetes', 'Follow-up: blood pressure', 'Follow-up after ER visit'],
  '3': ['Sore throat', 'Back pain', 'Rash', 'Headaches', 'Cough for two weeks', 'Ear pain', 'Knee injury',
    'Abdominal pain', 'Anxiety', 'Trouble sleeping'],
  P: ['Prescription renewal', 'Medication review'],
};
