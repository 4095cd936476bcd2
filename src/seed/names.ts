// Word lists for the demo workspace: fictional companies and people (invented names only).

export const companyFirstWords = [
  'Blue Harbor', 'Northwind', 'Silver Pine', 'Red Canyon', 'Bright Path', 'Granite', 'Clearwater', 'Summit',
  'Lumen', 'Oakridge', 'Crescent', 'Ironwood', 'Maple Grove', 'Starling', 'Tidewater', 'Evergreen',
  'Copper Hill', 'Falcon', 'Juniper', 'Keystone', 'Lakeshore', 'Meridian', 'Nimbus', 'Orchard',
  'Pioneer', 'Quarry', 'Riverbend', 'Sagebrush', 'Timberline', 'Vantage',
] as const;

export const companySecondWords = [
  'Logistics', 'Analytics', 'Health', 'Foods', 'Energy', 'Robotics', 'Media', 'Insurance', 'Labs',
  'Retail', 'Capital', 'Software', 'Manufacturing', 'Telecom', 'Travel', 'Education',
] as const;

export const regionSuffixes = ['EMEA', 'APAC', 'LATAM', 'North America', 'DACH', 'Nordics', 'UK & Ireland', 'Japan'] as const;
export const citySuffixes = ['Berlin', 'Paris', 'Austin', 'Toronto', 'Sydney', 'Singapore', 'Madrid', 'Chicago', 'Dublin', 'Tokyo', 'São Paulo', 'Boston'] as const;

export const firstNames = [
  'Alex', 'Bianca', 'Carlos', 'Dana', 'Elif', 'Felix', 'Gina', 'Hiro', 'Ines', 'Jonas', 'Kara', 'Liam', 'Mona', 'Nils',
  'Olga', 'Pablo', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wes', 'Xena', 'Yusuf', 'Zoe', 'Aiden', 'Bea',
  'Chen', 'Dmitri', 'Emma', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jade',
] as const;

export const lastNames = [
  'Abbott', 'Brandt', 'Costa', 'Dubois', 'Engel', 'Fischer', 'Garcia', 'Hughes', 'Ishida', 'Jensen', 'Kowalski',
  'Lindqvist', 'Morales', 'Novak', 'Okafor', 'Petrov', 'Quintero', 'Rahman', 'Schulz', 'Tanaka', 'Ueda', 'Varga',
  'Weber', 'Xu', 'Young', 'Zimmer', 'Adeyemi', 'Bianchi', 'Carter', 'Dalton',
] as const;

export const contactTitles = [
  'VP Customer Success', 'Head of Operations', 'IT Director', 'CTO', 'Product Manager', 'Procurement Lead',
  'Finance Director', 'Team Lead Support', 'Chief Operating Officer', 'Data Analyst', 'Marketing Manager', 'Solutions Architect',
] as const;

export const contactTags = ['champion', 'decision-maker', 'billing', 'executive', 'technical'] as const;
export const accountTags = ['strategic', 'reference', 'beta-program', 'multi-product', 'upsell-candidate', 'escalation'] as const;

export const csmNotes = [
  'Champion changed roles last quarter; rebuild the relationship with the new VP.',
  'Wants quarterly business reviews in person.',
  'Budget freeze until next fiscal year; renewal may slip.',
  'Very happy with the new reporting module.',
  'Asked about SSO and audit logs for the security review.',
  'Usage dropped after their internal reorganisation.',
  'Considering expanding to the APAC subsidiary.',
  'Prefers e-mail over calls; respond within one business day.',
] as const;
