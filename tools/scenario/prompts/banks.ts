/**
 * Word banks that prompts are assembled from. Many small banks multiplied by
 * several sentence shapes give legitimate traffic its real-world variety.
 */

export const DISHES = [
  'lasagna', 'chicken curry', 'banana bread', 'vegan chili', 'pad thai', 'shakshuka', 'risotto', 'pancakes',
  'beef stew', 'falafel', 'ramen', 'tiramisu', 'gnocchi', 'lentil soup', 'fried rice', 'apple pie',
  'tacos al pastor', 'paella', 'butter chicken', 'mushroom stroganoff', 'sourdough', 'bibimbap', 'moussaka', 'quiche',
];
export const DIET = [
  '', ' without an oven', ' that is gluten free', ' with what I have left in the fridge', ' in under 30 minutes',
  ' for a kid who hates vegetables', ' that is cheap', ' with no dairy', ' for meal prep', ' that I can freeze',
];
export const CITIES = [
  'Lisbon', 'Tokyo', 'Mexico City', 'Berlin', 'Seoul', 'Cape Town', 'Istanbul', 'Vancouver', 'Hanoi', 'Rome',
  'Buenos Aires', 'Prague', 'Marrakech', 'Sydney', 'Edinburgh', 'Bangkok', 'Reykjavik', 'Kyoto', 'New Orleans', 'Porto',
];
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const LANGUAGES = ['Spanish', 'French', 'German', 'Japanese', 'Korean', 'Portuguese', 'Italian', 'Mandarin', 'Hindi', 'Arabic', 'Turkish', 'Polish', 'Dutch', 'Vietnamese'];
export const CONCEPTS = [
  'inflation', 'black holes', 'compound interest', 'photosynthesis', 'how vaccines work', 'blockchain', 'the stock market',
  'quantum entanglement', 'climate change', 'how airplanes fly', 'machine learning', 'the electoral college', 'mortgages',
  'DNA', 'the placebo effect', 'supply and demand', 'relativity', 'how wifi works', 'sleep cycles', 'tides', 'index funds',
  'the immune system', 'recursion', 'encryption', 'plate tectonics', 'the French revolution', 'opportunity cost',
];
export const AGES = ['5', 'a ten year old', 'a teenager', 'my grandma', 'a complete beginner', 'someone who is good at math', 'a busy manager'];
export const PHENOMENA = [
  'is the sky blue', 'do cats purr', 'does bread go stale', 'do we dream', 'does ice float', 'do onions make you cry',
  'is the ocean salty', 'do my knees crack', 'does coffee make me tired sometimes', 'do leaves change color',
  'do planes leave white trails', 'does my phone battery drain faster in the cold', 'do we get hiccups', 'is yawning contagious',
];
export const DEVICES = ['laptop', 'iPhone', 'android phone', 'printer', 'router', 'smart TV', 'macbook', 'PS5', 'airpods', 'kindle', 'desktop PC', 'tablet'];
export const DEVICE_PROBLEMS = [
  'shutting down randomly', 'disconnecting from wifi', 'running really slow', 'not charging past 80%', 'freezing on startup',
  'making a buzzing noise', 'not showing up in bluetooth', 'overheating', 'losing sound', 'asking for a password I never set',
];
export const TRIED = ['', ' I already restarted it.', ' I tried updating it, no luck.', ' It started after an update.', ' It is only a year old.', ' Any ideas?'];
export const OCCASIONS = [
  'a 30th birthday party', 'a team offsite', 'a rainy weekend with kids', 'a first date', 'an anniversary gift',
  'a science fair project', 'a small business name', 'a halloween costume', 'a retirement speech', 'a baby shower',
  'a book club meeting', 'a wedding toast', 'a youtube channel', 'a garden on a balcony',
];
export const PHRASES = [
  'where is the train station', 'I would like a table for two', 'nice to meet you', 'how much does this cost',
  'I am allergic to peanuts', 'can you recommend something', 'happy birthday my friend', 'I am sorry I am late',
  'the meeting is postponed', 'could you speak more slowly',
];
export const SITUATIONS = [
  'my dog sleeps 16 hours a day', 'my sourdough starter smells like acetone', 'my toddler only eats pasta',
  'my electricity bill doubled this month', 'my heart races after coffee', 'I forget names right after hearing them',
  'my houseplant leaves are turning yellow', 'my car makes a clicking noise when I turn', 'my cat ignores me after I travel',
];
export const PURPOSES = ['a beginner', 'working from home', 'a family of four', 'long commutes', 'a student budget', 'gaming', 'photography', 'travel'];
export const COMPARE_PAIRS: readonly [string, string][] = [
  ['Python', 'JavaScript'], ['renting', 'buying'], ['a Kindle', 'a tablet'], ['Roth IRA', 'traditional IRA'],
  ['running', 'cycling'], ['Notion', 'Obsidian'], ['an air fryer', 'a convection oven'], ['Mac', 'Windows laptop'],
  ['index funds', 'individual stocks'], ['espresso', 'pour over'], ['electric car', 'hybrid'], ['yoga', 'pilates'],
];
export const GENRES = ['sci-fi', 'mystery', 'fantasy', 'historical', 'feel-good', 'horror', 'non-fiction', 'romantic comedy', 'thriller'];
export const MEDIA = ['books', 'movies', 'podcasts', 'TV shows', 'board games', 'video games', 'albums'];
export const TITLES = [
  'The Martian', 'Dune', 'Gone Girl', 'Succession', 'The Last of Us', 'Sapiens', 'Pride and Prejudice', 'Interstellar',
  'Project Hail Mary', 'Catan', 'Breaking Bad', 'The Hobbit', 'Serial', 'Everything Everywhere All at Once',
];
export const DOC_TYPES = ['text message', 'email', 'letter', 'card', 'note', 'LinkedIn message', 'complaint', 'thank-you note'];
export const RELATIONS = ['landlord', 'boss', 'sister', 'neighbour', 'teacher', 'coworker', 'ex', 'best friend', 'grandpa', 'doctor', 'client'];
export const SUBJECTS = [
  'the broken heater', 'asking for a raise', 'missing their birthday', 'the noise at night', 'a late payment',
  'quitting', 'my kid being sick', 'borrowing the car', 'a refund', 'a scheduling conflict', 'moving out',
];
export const TONES = ['professional', 'friendly', 'polite', 'casual', 'confident', 'funny', 'formal', 'warm', 'concise'];
export const PETS = ['dog', 'cat', 'rabbit', 'hamster', 'parrot', 'puppy', 'kitten', 'guinea pig'];
export const PET_PROBLEMS = ['is not eating', 'keeps scratching', 'ate some chocolate', 'is limping a bit', 'sneezes a lot', 'drinks a lot of water'];
export const PLANTS = ['tomatoes', 'garlic', 'tulips', 'basil', 'strawberries', 'potatoes', 'lavender', 'peppers'];
export const REGIONS = ['the UK', 'northern Germany', 'zone 7', 'Texas', 'southern Brazil', 'Ontario', 'a balcony in Paris'];
export const CAREER = [
  'switch into data science', 'ask for a promotion', 'prepare for a behavioral interview', 'negotiate my salary',
  'write a cover letter', 'deal with a micromanaging boss', 'get my first programming job', 'become a nurse',
];
export const POEM_TYPES = ['haiku', 'limerick', 'poem', 'sonnet', 'rap verse', 'song'];
export const THINGS_TO_NAME = ['bakery', 'podcast', 'cat', 'fantasy character', 'startup', 'band', 'boat', 'D&D campaign'];
export const ISSUES = ['a four day work week', 'nuclear power', 'school uniforms', 'remote work', 'rent control', 'banning phones in schools'];
export const PRODUCTS = ['laptop', 'mattress', 'road bike', 'espresso machine', 'stroller', 'monitor', 'vacuum', 'tent'];
export const PRICES = ['$300', '$500', '$1000', '200 euros', '50 pounds', '$150'];
export const HISTORY = [
  'the fall of the Berlin Wall', 'the Black Death', 'the moon landing', 'the printing press', 'the Meiji restoration',
  'the Suez crisis', 'the invention of penicillin', 'the partition of India', 'the Apollo 13 mission',
];

// Sentences for pasted paragraphs (documents, notes, tickets).
export const NOUNS = [
  'the project', 'our team', 'the customer', 'the new policy', 'the budget', 'the report', 'the vendor', 'the schedule',
  'the pilot', 'the committee', 'the landlord', 'the school', 'the app', 'the delivery', 'the contract', 'the survey',
];
export const VERBS = [
  'was delayed by', 'improved after', 'depends on', 'was approved despite', 'needs more detail about', 'is blocked by',
  'exceeded expectations for', 'raised concerns about', 'was updated to reflect', 'will be reviewed after',
];
export const OBJECTS = [
  'the supply issues', 'last week\'s feedback', 'the holiday period', 'the pricing change', 'the migration', 'the audit',
  'the staffing shortage', 'the new hires', 'the regulatory review', 'the weather', 'the redesign', 'the outage',
];
export const TAILS = ['', ' in March', ' according to Sam', ' for the second time', ' as expected', ' which surprised everyone', ' this quarter'];

export const COURSES = [
  'intro to psychology', 'calculus II', 'organic chemistry', 'macroeconomics', 'data structures', 'world history',
  'linear algebra', 'microbiology', 'statistics', 'philosophy 101', 'thermodynamics', 'marketing', 'English lit',
];
export const ESSAY_TOPICS = [
  'the causes of World War I', 'social media and mental health', 'symbolism in The Great Gatsby', 'renewable energy subsidies',
  'the ethics of gene editing', 'urbanization in the 19th century', 'the role of the Federal Reserve', 'AI in healthcare',
];
export const BOOKS = ['Frankenstein', '1984', 'The Odyssey', 'Beloved', 'Hamlet', 'Things Fall Apart', 'The Road', 'Macbeth'];

export const WORK_SUBJECTS = [
  'the Q3 roadmap', 'the delayed shipment', 'next week\'s offsite', 'the new expense policy', 'onboarding the new hire',
  'the renewal of our contract', 'the website redesign', 'a pricing change', 'the security audit', 'the hiring plan',
  'the customer escalation', 'the quarterly review', 'moving the launch date', 'the office move',
];
export const RECIPIENTS = ['a client', 'my manager', 'the whole team', 'a vendor', 'a candidate', 'the finance team', 'our partners', 'the board'];
export const FORMULA_TASKS = [
  'sums column C when column A says "paid"', 'finds duplicates across two sheets', 'counts unique customers per month',
  'calculates working days between two dates', 'looks up a price from another tab', 'highlights overdue invoices',
];
export const SQL_TASKS = [
  'returns the top 10 customers by revenue last month', 'finds users who signed up but never ordered',
  'computes a 7-day rolling average of sales', 'lists duplicate email addresses', 'joins orders with refunds per region',
];
export const PROCESSES = ['employee offboarding', 'a product launch', 'a vendor security review', 'closing the books', 'a conference booth'];
