/** The ossf/scorecard commit these ports were read from; each check names its files. */
export const SCORECARD_COMMIT = '40c1e35996730d4fdcbdb2e6a23917a2467e29b7';
