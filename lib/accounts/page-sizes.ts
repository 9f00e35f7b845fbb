/** Evidence prompts per page on the account page (server prefetch and browser fetch must agree). */
export const PROMPTS_PAGE_SIZE = 10;
