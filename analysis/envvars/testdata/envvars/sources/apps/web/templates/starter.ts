// A template copied into new projects: its reads are the new project's.
export const key = process.env.STARTER_ONLY_KEY;
