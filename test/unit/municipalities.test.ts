import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  MUNICIPALITIES_2024,
  MUNICIPALITY_CHANGES,
  MUNICIPALITY_VERSIONS,
} from '../../src/domain/data/municipalities/municipality-data.ts'
import {
  codesRollingInto,
  currentMunicipality,
  isKnownMunicipality,
  listCurrentMunicipalities,
  MunicipalityError,
  municipalityName,
  splitPredecessors,
} from '../../src/domain/municipalities.ts'

const csv = (file: string) =>
  readFileSync(new URL(`../../src/domain/data/municipalities/${file}`, import.meta.url), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .slice(1)
    .map((l) => l.split(','))
const rollup = csv('rollup-2024.csv')

describe('generated municipality data', () => {
  it('is in sync with the CSVs (regenerate: node --import tsx src/cli/generate-municipalities.ts)', () => {
    expect(MUNICIPALITIES_2024).toEqual(
      csv('municipalities-2024.csv').map(([code, name, countyCode, countyName]) => ({
        code,
        name,
        countyCode,
        countyName,
      })),
    )
    expect(MUNICIPALITY_CHANGES).toEqual(
      csv('changes.csv').map(([fromCode, fromName, toCode, toName, validFrom, kind]) => ({
        fromCode,
        fromName,
        toCode,
        toName,
        validFrom,
        kind,
      })),
    )
    expect(MUNICIPALITY_VERSIONS).toEqual(
      rollup.map(([code, name, first, last, , , ssb]) => ({
        code,
        name,
        firstYear: Number(first),
        lastYear: Number(last),
        ssbHarmonizedCode: ssb === 'Rest' ? null : ssb,
      })),
    )
  })

  it('ends each code on one date only, the year after it was last seen', () => {
    const ends = new Map<string, Set<string>>()
    for (const c of MUNICIPALITY_CHANGES)
      if (c.fromCode !== c.toCode) ends.set(c.fromCode, (ends.get(c.fromCode) ?? new Set()).add(c.validFrom))
    for (const [code, dates] of ends) {
      expect(dates.size, code).toBe(1)
      const seen = MUNICIPALITY_VERSIONS.filter((v) => v.code === code)
      if (seen.length === 0) {
        // Ended on 2017-01-01 (0706, 0719, 0720), before the first version in the data.
        expect([...dates], code).toEqual(['2017-01-01'])
        expect(isKnownMunicipality(code), code).toBe(false)
      } else {
        const last = Math.max(...seen.map((v) => v.lastYear))
        expect([...dates], code).toEqual([`${last + 1}-01-01`])
      }
    }
  })
})

describe('currentMunicipality', () => {
  it('rolls Ski 0213 and Oppegård 0217 into Nordre Follo 3207 through 3020', () => {
    expect(currentMunicipality('0213')).toEqual({
      code: '3207',
      name: 'Nordre Follo',
      rolledUpFrom: ['0213', '3020'],
    })
    expect(currentMunicipality('0217')).toEqual({
      code: '3207',
      name: 'Nordre Follo',
      rolledUpFrom: ['0217', '3020'],
    })
  })

  it('rolls Nordre Follo 3020 into 3207, and leaves a current code as it is', () => {
    expect(currentMunicipality('3020')).toEqual({
      code: '3207',
      name: 'Nordre Follo',
      rolledUpFrom: ['3020'],
    })
    expect(currentMunicipality('3207')).toEqual({ code: '3207', name: 'Nordre Follo' })
    expect(currentMunicipality('0301')).toEqual({ code: '0301', name: 'Oslo' })
  })

  it('follows renumbers across both reforms: Tønsberg 0704 → 3803 → 3905', () => {
    expect(currentMunicipality('0704')).toEqual({
      code: '3905',
      name: 'Tønsberg',
      rolledUpFrom: ['0704', '3803'],
    })
  })

  it('keeps a split under its old number with a note: Ålesund 1507 in 2024', () => {
    const r = currentMunicipality('1507')
    expect(r.code).toBe('1507')
    expect(r.name).toBe('Ålesund')
    expect(r.rolledUpFrom).toBeUndefined()
    expect(r.note).toBe(
      'Ålesund (1507) was split on 2024-01-01 into Ålesund (1508) and Haram (1580): values reported ' +
        'under 1507 cannot be allocated to one of them automatically and stay under 1507. Statistics ' +
        "Norway's harmonised series assigns 1507 to Ålesund (1508).",
    )
  })

  it('rolls a code merged into a later split up to the split, and names SSB’s choice', () => {
    const r = currentMunicipality('1534')
    expect(r.code).toBe('1507')
    expect(r.rolledUpFrom).toEqual(['1534'])
    expect(r.note).toContain('Haram (1534) became part of Ålesund (1507), which was split on 2024-01-01')
    expect(r.note).toContain('assigns 1534 to Haram (1580)')
    const snillfjord = currentMunicipality('1613')
    expect(snillfjord.code).toBe('5012')
    expect(snillfjord.note).toContain('into Heim (5055), Hitra (5056) and Orkland (5059)')
    expect(currentMunicipality('1850')).toMatchObject({ code: '1850', name: 'Tysfjord - Divtasvuodna' })
  })

  it('rolls a whole municipality merged with part of a split one into its successor: Halsa → Heim', () => {
    expect(currentMunicipality('1571')).toEqual({ code: '5055', name: 'Heim', rolledUpFrom: ['1571'] })
  })

  it('agrees with the chaining column of rollup-2024.csv for every code, splits excepted', () => {
    let checked = 0
    for (const [code, , , , chained] of rollup) {
      if (code === '9999' || !code || !chained) continue
      const r = currentMunicipality(code)
      if (chained.includes(';')) {
        expect(r.note, code).toBeDefined()
        expect(
          chained.split(';').every((c) => r.note?.includes(`(${c})`)),
          code,
        ).toBe(true)
      } else {
        expect(r.code, code).toBe(chained)
        expect(r.note, code).toBeUndefined()
      }
      checked++
    }
    expect(checked).toBe(851)
  })

  it('refuses unknown codes with a field error', () => {
    for (const code of ['9998', '123', '0000', '9999', '0720', 'abcd', '']) {
      expect(isKnownMunicipality(code), code).toBe(false)
      expect(() => currentMunicipality(code), code).toThrow(MunicipalityError)
    }
    try {
      currentMunicipality('9998')
      expect.unreachable()
    } catch (err) {
      expect((err as MunicipalityError).problems).toEqual([
        { path: 'municipality', message: '9998 is not a Norwegian municipality number valid 2017–2024' },
      ])
    }
  })
})

describe('isKnownMunicipality', () => {
  it('knows current and historical codes', () => {
    for (const code of ['3207', '3020', '0213', '1507', '1850', '0301'])
      expect(isKnownMunicipality(code)).toBe(true)
  })

  it('checks the validity window when given a date', () => {
    expect(isKnownMunicipality('0213', '2019-12-31')).toBe(true)
    expect(isKnownMunicipality('0213', '2020-01-01')).toBe(false)
    expect(isKnownMunicipality('3020', '2023-12-31')).toBe(true)
    expect(isKnownMunicipality('3207', '2023-12-31')).toBe(false)
    expect(isKnownMunicipality('3207', '2024-01-01')).toBe(true)
    expect(isKnownMunicipality('3207', '2031-06-30')).toBe(true)
    // Before the data starts, the 2017 version is the best answer there is.
    expect(isKnownMunicipality('0213', '2015-03-01')).toBe(true)
    expect(isKnownMunicipality('3020', '2015-03-01')).toBe(false)
  })

  it('throws on a malformed date', () => {
    expect(() => isKnownMunicipality('3207', '2024-02-30')).toThrow(RangeError)
    expect(() => isKnownMunicipality('3207', '2024-1-1')).toThrow(RangeError)
  })
})

describe('names and lists', () => {
  it('names current, historical and renamed codes', () => {
    expect(municipalityName('3207')).toBe('Nordre Follo')
    expect(municipalityName('0217')).toBe('Oppegård')
    expect(municipalityName('1853')).toBe('Evenes - Evenášši')
    expect(municipalityName('1853', '2021-05-01')).toBe('Evenes')
    expect(municipalityName('5001', '2022-12-31')).toBe('Trondheim')
    expect(municipalityName('5001', '2023-01-01')).toBe('Trondheim - Tråante')
    expect(municipalityName('0213', '2024-01-01')).toBeUndefined()
    expect(municipalityName('9998')).toBeUndefined()
  })

  it('lists the 357 municipalities of 2024 in code order, each resolving to itself', () => {
    const list = listCurrentMunicipalities()
    expect(list).toHaveLength(357)
    expect(list[0]).toEqual({ code: '0301', name: 'Oslo', countyCode: '03', countyName: 'Oslo' })
    expect(list.map((m) => m.code)).toEqual(list.map((m) => m.code).sort())
    for (const m of list) {
      expect(currentMunicipality(m.code)).toEqual({ code: m.code, name: m.name })
      expect(municipalityName(m.code)).toBe(m.name)
    }
  })
})

describe('codesRollingInto', () => {
  it('gives every code whose values roll up into Nordre Follo 3207', () => {
    expect(codesRollingInto('3207')).toEqual(['0213', '0217', '3020', '3207'])
    expect(codesRollingInto('3020')).toEqual(['0213', '0217', '3020', '3207'])
  })

  it('keeps a split apart from its successors, and says which splits touch a municipality', () => {
    expect(codesRollingInto('1508')).toEqual(['1508'])
    expect(codesRollingInto('1507')).toEqual(['1504', '1507', '1523', '1529', '1534', '1546'])
    expect(splitPredecessors('1508')).toEqual(['1507'])
    expect(splitPredecessors('1806')).toEqual(['1850'])
    expect(splitPredecessors('3207')).toEqual([])
  })

  it('covers every known code exactly once across the roll-up targets', () => {
    const targets = new Set(
      [...MUNICIPALITY_VERSIONS]
        .filter((v) => v.code !== '9999')
        .map((v) => currentMunicipality(v.code).code),
    )
    const all = [...targets].flatMap((t) => codesRollingInto(t))
    expect(all).toHaveLength(new Set(all).size)
    expect(new Set(all).size).toBe(new Set(MUNICIPALITY_VERSIONS.map((v) => v.code)).size - 1)
  })

  it('refuses an unknown code', () => {
    expect(() => codesRollingInto('9998')).toThrow(MunicipalityError)
  })
})
