import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

export const env = createEnv({
  server: { DATABASE_URL: z.string().url(), AUTH_SECRET: z.string() },
  client: { NEXT_PUBLIC_PLAUSIBLE_DOMAIN: z.string() },
  runtimeEnv: {
    DATABASE_URL: process.env.DATABASE_URL,
    AUTH_SECRET: process.env.AUTH_SECRET,
    NEXT_PUBLIC_PLAUSIBLE_DOMAIN: process.env.NEXT_PUBLIC_PLAUSIBLE_DOMAIN,
  },
  skipValidation: !!process.env.SKIP_ENV_VALIDATION,
});
