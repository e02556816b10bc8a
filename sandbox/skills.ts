/**
 * A deterministic stand-in for Recrubo's VacancyAnalysis: finds known skills in the text (English and Dutch
 * wording) and rates them by how often and how early they are mentioned.
 */

interface Known {
  name: string;
  pattern: RegExp;
  requirement: string;
}

const HARD: Known[] = [
  {
    name: "Driver's license B",
    pattern: /driv(?:er'?s|ing) licen[cs]e|rijbewijs/gi,
    requirement: "Has a driver's license B",
  },
  { name: 'Forklift', pattern: /forklift|heftruck/gi, requirement: 'Can operate a forklift' },
  { name: 'Excel', pattern: /\bexcel\b/gi, requirement: 'Has experience with Excel' },
  { name: 'JavaScript', pattern: /javascript|\bjs\b/gi, requirement: 'Has experience with JavaScript' },
  { name: 'TypeScript', pattern: /typescript/gi, requirement: 'Has experience with TypeScript' },
  { name: 'SQL', pattern: /\bsql\b/gi, requirement: 'Has experience with SQL' },
  { name: 'Python', pattern: /python/gi, requirement: 'Has experience with Python' },
  {
    name: 'Customer service',
    pattern: /customer service|klantenservice/gi,
    requirement: 'Has customer service experience',
  },
  // "Dutch or English" is one requirement (either will do), found before the languages on their own.
  {
    name: 'Dutch or English',
    pattern:
      /\b(?:dutch|nederlands) (?:or|of) (?:english|engels)\b|\b(?:english|engels) (?:or|of) (?:dutch|nederlands)\b/gi,
    requirement: 'Speaks Dutch or English',
  },
  { name: 'Dutch', pattern: /\bdutch\b(?! driv)|nederlands(?! rijbewijs)/gi, requirement: 'Speaks Dutch fluently' },
  { name: 'English', pattern: /\benglish\b|engels/gi, requirement: 'Speaks English fluently' },
  { name: 'Nursing', pattern: /nurs(e|ing)|verpleeg/gi, requirement: 'Has a nursing qualification' },
  { name: 'Logistics', pattern: /logistic|logistiek|warehouse|magazijn/gi, requirement: 'Has experience in logistics' },
];

const SOFT: Known[] = [
  { name: 'Communication', pattern: /communicat/gi, requirement: 'Is communicative' },
  { name: 'Teamwork', pattern: /team/gi, requirement: 'Works well in a team' },
  { name: 'Punctuality', pattern: /punctual|punctueel|stipt/gi, requirement: 'Is punctual' },
  { name: 'Flexibility', pattern: /flexib/gi, requirement: 'Is flexible' },
  { name: 'Independence', pattern: /independen|zelfstandig/gi, requirement: 'Can work independently' },
  { name: 'Stress resistance', pattern: /stress/gi, requirement: 'Handles stress well' },
];

const CERTS: Known[] = [
  { name: 'VCA', pattern: /\bvca\b/gi, requirement: 'Has a VCA certificate' },
  { name: 'BHV', pattern: /\bbhv\b/gi, requirement: 'Has a BHV (emergency response) certificate' },
  { name: 'Code 95', pattern: /code 95/gi, requirement: 'Has a Code 95 certificate' },
  { name: 'BIG registration', pattern: /\bbig\b/gi, requirement: 'Is BIG registered' },
];

function find(text: string, list: Known[]) {
  return list.flatMap((k) => {
    const hits = [...text.matchAll(k.pattern)];
    if (!hits.length) return [];
    const first = hits[0]?.index ?? 0;
    // More mentions and an earlier first mention rate higher, on a 1..5 scale.
    const rating = Math.max(1, Math.min(5, hits.length + (first < text.length / 3 ? 2 : 1)));
    const reasoning = `Mentioned ${hits.length} time${hits.length === 1 ? '' : 's'} in the vacancy text.`;
    return [
      {
        k,
        rating,
        reasoning,
        required: /requir|must|vereist|verplicht/i.test(text.slice(Math.max(0, first - 60), first + 60)),
      },
    ];
  });
}

export function analyzeVacancy(text: string) {
  // "Dutch or English": either language will do, so neither is a requirement of its own.
  const hard = find(text, HARD);
  const either = hard.some(({ k }) => k.name === 'Dutch or English');
  return {
    hardSkills: hard
      .filter(({ k }) => !(either && (k.name === 'Dutch' || k.name === 'English')))
      .map(({ k, rating, reasoning }) => ({
        skill: k.name,
        rating,
        reasoning,
        writtenAsRequirement: k.requirement,
      })),
    softSkills: find(text, SOFT).map(({ k, rating, reasoning }) => ({
      skill: k.name,
      rating,
      reasoning,
      writtenAsRequirement: k.requirement,
    })),
    certifications: find(text, CERTS).map(({ k, reasoning, required }) => ({
      required,
      reasoning,
      certification: k.name,
      writtenAsRequirement: k.requirement,
    })),
  };
}
