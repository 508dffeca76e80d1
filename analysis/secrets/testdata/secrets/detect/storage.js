// Fixture: values under secret-sounding names that are not secrets, and
// their twins that are.

// Storage keys: an identifier with a short namespace prefix.
const sidebar = { widthHistoryKey: "qzPanelSidebarWidth" };
const logs = { historyKey: "qzLogsSearchHistory" };
const session = { historyKey: "aKjIg8xNbe3nNyjOq9wMxEhh2FDEEtfj" }; // want "Secret hardcoded in historyKey"

// A relative path that climbs out of its folder.
const escaping = { key: "uploadsB/../outside.txt" };

// A search-only key published with the app id and index name (public by design).
export const SEARCH = {
  indexName: "handbook",
  appId: "ERBFQFOEQH",
  apiKey: "8b5b7a767c76fb008f86bebb2737f6a6",
};

// An admin key next to the same ids is a secret.
export const ADMIN = {
  indexName: "handbook",
  appId: "ERBFQFOEQH",
  adminApiKey: "f0fb23c6f5da2cec255404e4fb440034", // want "Secret hardcoded in adminApiKey"
};

// A search key without the public key's neighbours is judged as any other.
export const searchClient = { apiKey: "8b5b7a767c76fb008f86bebb2737f6a6" }; // want "Secret hardcoded in apiKey"
