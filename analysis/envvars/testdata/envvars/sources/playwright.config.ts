export default { use: { baseURL: process.env.PLAYWRIGHT_BASE_URL } };
