import type { Ctx } from '../modules/context.ts'
import type { ProfilePatch } from '../modules/ventures/index.ts'
import { findVenture, insertVenture } from '../modules/ventures/index.ts'
import type { DemoIdentity } from './identity.ts'

type Profile = Partial<ProfilePatch>

/** Fictional venture profiles. Municipality numbers are current ones (3207 Nordre Follo). */
const PROFILES: Record<string, Profile> = {
  arbeidsglede: {
    description: 'Arbeidsinkludering: varig tilrettelagt arbeid og overgang til ordinært arbeid i Follo.',
    founded: '2015-03-01',
    themes: ['employment', 'inclusion'],
    sdgGoals: [8, 10],
    municipalities: ['3207', '3301'],
    theoryOfChange: 'Paid work with close follow-up builds skills and confidence that lead to ordinary jobs.',
    depthOfChange: 'life-changing',
    publishOpenData: true,
  },
  'ungt-haap': {
    description: 'Mentoring for young people outside school and work.',
    founded: '2016-08-15',
    themes: ['youth', 'education'],
    sdgGoals: [4, 8],
    municipalities: ['3207', '0301'],
    theoryOfChange: 'A trusted adult and a concrete next step keep young people in education or work.',
    depthOfChange: 'life-changing',
    publishOpenData: true,
  },
  'laerling-follo': {
    description: 'Apprenticeships in trades for young people in Follo.',
    founded: '2017-01-10',
    themes: ['youth', 'education', 'employment'],
    sdgGoals: [4, 8],
    municipalities: ['3207'],
    theoryOfChange: 'Apprenticeships with extra support lead to a trade certificate and a job.',
    depthOfChange: 'life-changing',
    publishOpenData: true,
  },
  'gronn-omstart': {
    description: 'Circular workshops employing people with gaps in their CV.',
    founded: '2019-05-01',
    themes: ['environment', 'employment'],
    sdgGoals: [8, 12, 13],
    municipalities: ['3301'],
    theoryOfChange: 'Repair work is a low-threshold route into work and cuts waste.',
    depthOfChange: 'life-improving',
  },
  'kafe-inkludert': {
    description: 'Cafés staffed by people with intellectual disabilities.',
    founded: '2014-09-01',
    themes: ['inclusion', 'employment'],
    sdgGoals: [8, 10],
    municipalities: ['0301'],
    theoryOfChange: 'Real work in a public setting gives meaning, income and belonging.',
    depthOfChange: 'life-improving',
  },
  sykkelverkstedet: {
    description: 'Bicycle repair and training in Ski for young adults.',
    founded: '2013-04-01',
    themes: ['youth', 'employment'],
    sdgGoals: [8],
    municipalities: ['3207'],
    theoryOfChange: 'Practical training and work experience open the door to jobs.',
    depthOfChange: 'life-improving',
    publishOpenData: true,
  },
  'digital-vei': {
    description: 'Digital skills courses for adults outside the labour market.',
    founded: '2020-02-01',
    themes: ['education', 'employment'],
    sdgGoals: [4, 8],
    municipalities: ['0301', '3301'],
    theoryOfChange: 'Digital skills are a requirement for most jobs today.',
    depthOfChange: 'life-improving',
  },
  spraakbro: {
    description: 'Language training at work for immigrants.',
    founded: '2018-06-01',
    themes: ['inclusion', 'education'],
    sdgGoals: [4, 10],
    municipalities: ['3207', '0301'],
    theoryOfChange: 'Learning Norwegian on the job speeds up the way into work.',
    depthOfChange: 'life-changing',
  },
  'verdt-arbeid': {
    description: 'Individual placement and support (IPS) for people with mental health problems.',
    founded: '2016-11-01',
    themes: ['health', 'employment'],
    sdgGoals: [3, 8],
    municipalities: ['3301'],
    theoryOfChange: 'Place, then train: ordinary work with support improves health and income.',
    depthOfChange: 'life-changing',
  },
  'aktiv-ungdom': {
    description: 'Low-threshold activity and summer jobs for youth in Nordre Follo.',
    founded: '2012-05-01',
    themes: ['youth'],
    sdgGoals: [3, 8],
    municipalities: ['3207'],
    theoryOfChange: 'Meaningful activity prevents drop-out and isolation.',
    depthOfChange: 'life-improving',
    publishOpenData: true,
  },
  snekkerverkstedet: {
    description: 'A carpentry workshop reusing building materials.',
    founded: '2021-03-01',
    themes: ['environment', 'employment'],
    sdgGoals: [8, 12],
    municipalities: ['0301'],
    theoryOfChange: 'Craft work with reused materials builds skills and cuts emissions.',
    depthOfChange: 'life-improving',
  },
  'helse-i-arbeid': {
    description: 'Workplace health coaching to prevent sick leave and drop-out.',
    founded: '2019-09-01',
    themes: ['health'],
    sdgGoals: [3, 8],
    municipalities: ['3301', '3207'],
    theoryOfChange: 'Early support at work keeps people in work.',
    depthOfChange: 'life-improving',
    status: 'exited',
  },
}

/** Venture profiles for the demo ventures, onboarded by the demo investor. Safe to run twice. */
export async function loadDemoVentures(ctx: Ctx, identity: DemoIdentity): Promise<void> {
  for (const [key, orgId] of Object.entries(identity.ventures)) {
    if (await findVenture(ctx.db, orgId)) continue
    await insertVenture(ctx.db, orgId, identity.investorId, PROFILES[key] ?? {})
  }
}
