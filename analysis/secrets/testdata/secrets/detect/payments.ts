// Fixture: provider tokens and secret-named literals in TypeScript. Every
// token is fake: random characters in the provider's shape.
import Stripe from "stripe";
import { Octokit } from "@octokit/rest";

// Stripe secret and restricted keys, live and test; publishable keys are not secrets.
const stripe = new Stripe("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"); // want "Stripe secret key hardcoded \\(sk_l…\\); read it from the environment \\(STRIPE_API_KEY\\)"
const stripePublishableKey = "pk_live_hP3mPhY1vpz7yTRz0sVEgDXNGn2OPEjl5a9XJMbC6FJtXRwogBZdcyMVO7efXAxrGhxWNmIN3rKFYs0To0wanoSlYgO0WKVNcPH";
export const stripeTestKey = "sk_test_1UbMHKe0sbkgDym68apgMzeU"; // want "Stripe secret key \\(test mode\\) hardcoded \\(sk_t…\\)"
export const stripeTestKeyPlaceholder = "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx";
const restricted = "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"; // want "Stripe restricted key hardcoded \\(rk_l…\\)"
const restrictedDocs = "rk_live_<your-restricted-key>";
const restrictedTest = "rk_test_MHVgGL8NiFWXjCMeFt3U35Km"; // want "Stripe restricted key \\(test mode\\) hardcoded"
const restrictedTooShort = "rk_test_1a2B3c";

// An env read is fine; a secret-shaped fallback is not.
const fromEnv = process.env.STRIPE_SECRET_KEY;
const withFallback = process.env.STRIPE_SECRET_KEY || "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"; // want "Stripe secret key hardcoded \\(sk_l…\\); read it from the environment \\(STRIPE_SECRET_KEY\\) without a hardcoded fallback"
const devFallback = process.env.SESSION_SECRET ?? "dev-session-secret";

// Webhook signing secret.
const endpointSecret = "whsec_BV79W5pj+S5SxFnS7hnapNr1m180SdHu"; // want "Webhook signing secret hardcoded \\(whse…\\)"
const endpointSecretDocs = "whsec_your-webhook-signing-secret";

// GitHub tokens.
const octokit = new Octokit({ auth: "ghp_aLaPYdAX5aayIbd0grTPyJtR2uSI0HW5fZq0" }); // want "GitHub token hardcoded \\(ghp_…\\); read it from the environment \\(GITHUB_TOKEN\\)"
const truncated = "ghp_XnUKLPD7OUvqhej8zhFsTOWpt9yBZ6iGpkp";
const oauthToken = "gho_4PhZMa8HJ6566gvh88TStPlF1W5ZdWHTq42Y"; // want "GitHub token hardcoded \\(gho_…\\)"
const oauthFromEnv = process.env.GITHUB_OAUTH_TOKEN;
const userToServer = "ghu_QlXQmlngKeYcZdLLZGGhbdM5U7MjDTNC1rXu"; // want "GitHub token hardcoded \\(ghu_…\\)"
const userToServerDocs = "ghu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
const installationToken = "ghs_XqW5CV00SkjGHDiAFDc5meHbmhJSaoFAckOg"; // want "GitHub token hardcoded \\(ghs_…\\)"
const installationTokenTemplate = `${process.env.GH_INSTALLATION_TOKEN}`;
const refreshToken = "ghr_iqhkvw6smOfQjzYE2z035lMN5ThFoGokDL3J"; // want "GitHub token hardcoded \\(ghr_…\\)"
const refreshTokenHint = "<github-refresh-token>";

// Secret-named literals: the generic rule.
const apiKey = "30HKOpFsJVBbwJbiEgDoHtyLZLqISs1C"; // want "Secret hardcoded in apiKey \\(30HK…\\); read it from the environment \\(API_KEY\\)"
const apiKeyPlaceholder = "your-api-key-goes-here";
const config = { clientSecret: "pGruT1IXc39o8CKkIlZCEFUE", region: "eu-west-1" }; // want "Secret hardcoded in clientSecret"
const configTemplate = { clientSecret: "${CLIENT_SECRET}" };
const typed: { sessionToken: string } = { sessionToken: "V8gz4FkQ1okTBGzvAmwufUxbvJDCTbyv" }; // want "Secret hardcoded in sessionToken"
const tokenType = "Bearer";
const authStrategy = "passport-local-mongoose";
const storageKeyName = "myapp.auth.accessToken";
const idempotencyKey = "HNsG9eh6Yo4gfqrc5XlrWi0B26";
const cacheKeyPrefix = "R08qzjI6GKFSufrdZSlB5er8bOfZqf";
const passwordPattern = "^(?=.*[A-Z])(?=.*\\d).{12,}$";
if (token === "M2oeq3hDavJA76rNicHTp8") {
  console.log("comparisons are not assignments");
}

const headers = { key: "x-request-id", authorization: `Bearer ${process.env.API_TOKEN}` };
