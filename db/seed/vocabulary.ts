/** Realistic vocabulary for synthetic caseloads: goods, places, parties and investigators. */
export const GOODS = [
  'FPGAs', 'GNSS receivers', 'UAV engines', 'five-axis machine tools', 'thermal imaging cameras',
  'high-speed oscilloscopes', 'radiation-hardened microcircuits', 'carbon fibre prepreg',
  'gyroscopes', 'frequency synthesizers', 'marine diesel engines', 'encryption modules',
  'night-vision tubes', 'CNC spindle assemblies', 'maraging steel tubes', 'servo motors',
  'RF power amplifiers', 'lithium-ion cells for drones', 'inertial measurement units',
  'semiconductor wafer tooling', 'hydraulic presses', 'satellite modems', 'ball bearings',
  'aircraft spare parts', 'titanium alloy bar stock', 'vibration test equipment',
];

export const DESTINATIONS = ['Russia', 'Iran', 'Belarus', 'North Korea', 'Syria', 'Myanmar', 'Venezuela'];
export const TRANSITS = [
  'Armenia', 'Kazakhstan', 'Kyrgyzstan', 'Türkiye', 'United Arab Emirates', 'Hong Kong', 'Georgia',
  'Uzbekistan', 'Serbia', 'Malaysia', 'Thailand',
];

export const TITLE_PATTERNS = [
  'Diverted {goods} to {dest} via {transit}',
  '{goods} shipped to {transit} for onward transfer to {dest}',
  'Undeclared {goods} at the port of Montréal',
  'False end-use certificate for {goods}',
  'Unlicensed export of {goods} to {dest}',
  'Transshipment of {goods} through {transit}',
  'Undervalued {goods} declared as spare parts',
  '{goods} concealed in a consolidated container',
  'Front company in {transit} buying {goods}',
  'Sanctioned end user receiving {goods}',
];

export const FIRST_NAMES = [
  'Amélie', 'Marc', 'Priya', 'Daniel', 'Sofia', 'Jean-François', 'Hannah', 'Omar', 'Claire', 'Victor',
  'Nadia', 'Ethan', 'Chloé', 'Rajesh', 'Isabelle', 'Lucas', 'Fatima', 'Mathieu', 'Grace', 'Olivier',
];
export const LAST_NAMES = [
  'Tremblay', 'Nguyen', 'Gagnon', 'Singh', 'Roy', 'MacDonald', 'Côté', 'Chen', 'Bouchard', 'Wilson',
  'Lefebvre', 'Kowalski', 'Fortin', 'Patel', 'Bergeron', 'Campbell', 'Morin', 'Ahmed', 'Pelletier', 'Reid',
];

export const AGENCIES = [
  'CBSA Criminal Investigations', 'CBSA Trade and Anti-dumping', 'Global Affairs Canada — Export Controls',
  'RCMP Federal Policing', 'BIS Office of Export Enforcement', 'HSI Counter-Proliferation',
];

export const AUTHORITIES = [
  'Export and Import Permits Act, s. 13 and 19',
  'Special Economic Measures Act, s. 8',
  'Customs Act, s. 95 and 153',
  'Export Control Reform Act, 50 U.S.C. 4819',
  'International Emergency Economic Powers Act, 50 U.S.C. 1705',
  'Special Economic Measures (Russia) Regulations, s. 3.1',
];
