import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CsvParseError, parseCsv, parseDecimalCell, writeCsv } from '../../src/domain/csv.ts'

/** The errors parseCsv throws, or a failed assertion when it does not throw. */
function parseErrors(text: string) {
  try {
    parseCsv(text)
  } catch (e) {
    expect(e).toBeInstanceOf(CsvParseError)
    return (e as CsvParseError).errors
  }
  throw new Error('expected parseCsv to throw')
}

describe('parseCsv', () => {
  it('reads a semicolon file with a BOM and CRLF line ends', () => {
    const parsed = parseCsv(
      '\uFEFFindikator;periode;verdi\r\nNO-WORK-01;2026-Q3;12,5\r\nPI4060;2026-Q3;7\r\n',
    )
    expect(parsed).toEqual({
      header: ['indikator', 'periode', 'verdi'],
      rows: [
        { line: 2, cells: ['NO-WORK-01', '2026-Q3', '12,5'] },
        { line: 3, cells: ['PI4060', '2026-Q3', '7'] },
      ],
      separator: ';',
    })
  })

  it('reads a comma file with LF line ends and no trailing newline', () => {
    const parsed = parseCsv('code,value\nPI4060,12.5')
    expect(parsed.separator).toBe(',')
    expect(parsed.header).toEqual(['code', 'value'])
    expect(parsed.rows).toEqual([{ line: 2, cells: ['PI4060', '12.5'] }])
  })

  it('detects the separator outside quotes only', () => {
    // The header has two commas inside quotes and one semicolon outside.
    const parsed = parseCsv('"navn, fullt";"beløp, NOK"\n"Kari, N.";"1 250,50"\n')
    expect(parsed.separator).toBe(';')
    expect(parsed.rows[0]?.cells).toEqual(['Kari, N.', '1 250,50'])
  })

  it("honours Excel's sep= line and counts it as line 1", () => {
    const parsed = parseCsv('\uFEFFsep=,\r\na,b\r\n1;2,3\r\n')
    expect(parsed.separator).toBe(',')
    expect(parsed.header).toEqual(['a', 'b'])
    expect(parsed.rows).toEqual([{ line: 3, cells: ['1;2', '3'] }])
  })

  it('rejects a sep= line with an unsupported separator', () => {
    expect(parseErrors('sep=|\na|b\n')).toEqual([
      { line: 1, column: 1, message: 'Unsupported separator "|" in the sep= line; use ; or ,' },
    ])
  })

  it('reads quoted cells with separators, doubled quotes and newlines', () => {
    const text =
      'id;note;value\r\n1;"Sa ""hei""; gikk videre";3\r\n2;"linje 1\r\nlinje 2\nlinje 3";4\r\n3;"";5\r\n'
    const parsed = parseCsv(text)
    expect(parsed.rows).toEqual([
      { line: 2, cells: ['1', 'Sa "hei"; gikk videre', '3'] },
      { line: 3, cells: ['2', 'linje 1\r\nlinje 2\nlinje 3', '4'] },
      // the record above spans physical lines 3–5
      { line: 6, cells: ['3', '', '5'] },
    ])
  })

  it('skips fully empty lines but keeps their line numbers counted', () => {
    const parsed = parseCsv('\n\na;b\n\n1;2\r\n\r\n3;4\n\n')
    expect(parsed.header).toEqual(['a', 'b'])
    expect(parsed.rows).toEqual([
      { line: 5, cells: ['1', '2'] },
      { line: 7, cells: ['3', '4'] },
    ])
  })

  it('keeps trailing empty cells and rows of separators only', () => {
    const parsed = parseCsv('a;b;c\n1;;\n;;\n')
    expect(parsed.rows).toEqual([
      { line: 2, cells: ['1', '', ''] },
      { line: 3, cells: ['', '', ''] },
    ])
  })

  it('tolerates spaces after a closing quote and keeps a quote inside an unquoted cell', () => {
    const parsed = parseCsv('a;b\n"x"  ;12" skjerm\n')
    expect(parsed.rows).toEqual([{ line: 2, cells: ['x', '12" skjerm'] }])
  })

  it('reports every row with the wrong number of cells, with line and column', () => {
    const errors = parseErrors('a;b;c\n1;2;3\n1;2\n1;2;3;4\n"x\ny";2;3\n1\n')
    expect(errors).toEqual([
      { line: 3, column: 3, message: 'Expected 3 cells as in the header, found 2' },
      { line: 4, column: 4, message: 'Expected 3 cells as in the header, found 4' },
      { line: 7, column: 2, message: 'Expected 3 cells as in the header, found 1' },
    ])
  })

  it('reports an unterminated quote at the line and cell where it opened, after earlier errors', () => {
    const errors = parseErrors('a;b\n1\n2;"ikke lukket\n3;4\n')
    expect(errors).toEqual([
      { line: 2, column: 2, message: 'Expected 2 cells as in the header, found 1' },
      { line: 3, column: 2, message: 'Quoted cell is never closed: the closing " is missing' },
    ])
  })

  it('reports text after a closing quote', () => {
    expect(parseErrors('a;b\n1;"x"y\n')).toEqual([
      {
        line: 2,
        column: 2,
        message: 'Unexpected text after a closing quote; a " inside a quoted cell must be doubled ("")',
      },
    ])
  })

  it('rejects an empty file, and offers the errors as field issues', () => {
    expect(parseErrors('\uFEFF\r\n\r\n')).toEqual([
      { line: 1, column: 1, message: 'The file is empty: a header line is required' },
    ])
    const error = new CsvParseError(parseErrors('a;b\n1\n'))
    expect(error.issues).toEqual([
      { path: 'line 2, column 2', message: 'Expected 2 cells as in the header, found 1' },
    ])
  })
})

describe('parseDecimalCell', () => {
  it.each([
    ['12.5', '12.5'],
    ['12,5', '12.5'],
    ['1 250,5', '1250.5'],
    ['1\u00a0250,5', '1250.5'],
    ['1\u202f250\u202f000,50', '1250000.50'],
    ['  -3,25 ', '-3.25'],
    ['\u22123,25', '-3.25'],
    ['+7', '7'],
    ['0,50', '0.50'],
    ['007', '7'],
    ['-0,00', '0.00'],
    ['1,250', '1.250'],
  ])('accepts %j as %s', (cell, expected) => {
    expect(parseDecimalCell(cell)).toBe(expected)
  })

  it.each([
    '',
    '   ',
    '1,250.5',
    '1.250,5',
    '1.250.000',
    '1e3',
    'abc',
    '.5',
    '5.',
    '12 50',
    '1  250',
    '12 %',
    'kr 5',
    '--5',
  ])('rejects %j', (cell) => {
    expect(parseDecimalCell(cell)).toBeNull()
  })
})

describe('writeCsv', () => {
  it('writes a BOM, semicolons and CRLF by default, quoting only where needed', () => {
    const out = writeCsv(
      ['navn', 'beløp', 'notat'],
      [
        ['Ærlig Arbeid AS', '1250000.00', 'Sa "hei"'],
        ['Øst; Vest', 12.5, null],
        [' innrykk', 'linje 1\nlinje 2', 'a,b'],
      ],
    )
    expect(out).toBe(
      '\uFEFFnavn;beløp;notat\r\n' +
        'Ærlig Arbeid AS;1250000.00;"Sa ""hei"""\r\n' +
        '"Øst; Vest";12.5;\r\n' +
        '" innrykk";"linje 1\nlinje 2";"a,b"\r\n',
    )
  })

  it('writes commas, no BOM and a sep= line on request', () => {
    expect(writeCsv(['a', 'b'], [['1', '2']], { separator: ',', bom: false, excelSepLine: true })).toBe(
      'sep=,\r\na,b\r\n1,2\r\n',
    )
  })

  it('guards formula-like text but leaves numbers alone', () => {
    const out = writeCsv(
      ['x'],
      [
        ['=HYPERLINK("http://evil")'],
        ['+47 22 00 00 00'],
        ['-abc'],
        ['@SUM(A1)'],
        ['\tx'],
        ['-12,5'],
        ['+3'],
        [-4],
      ],
      { bom: false },
    )
    expect(out.split('\r\n')).toEqual([
      'x',
      `"'=HYPERLINK(""http://evil"")"`,
      "'+47 22 00 00 00",
      "'-abc",
      "'@SUM(A1)",
      "'\tx",
      '"-12,5"',
      '+3',
      '-4',
      '',
    ])
  })

  it('keeps a row with one empty cell from becoming a skipped empty line', () => {
    const out = writeCsv(['x'], [[''], [null]], { bom: false })
    expect(out).toBe('x\r\n""\r\n""\r\n')
    expect(parseCsv(out).rows.map((r) => r.cells)).toEqual([[''], ['']])
  })

  it('refuses rows whose width differs from the header', () => {
    expect(() => writeCsv(['a', 'b'], [['1']])).toThrow('row 0 has 1 cells, the header has 2')
  })
})

describe('writeCsv then parseCsv', () => {
  // Characters that stress quoting, separator sniffing, line handling and markers.
  const tricky = fc.constantFrom(
    ';',
    ',',
    '"',
    '\n',
    '\r',
    '\r\n',
    ' ',
    '\t',
    '=',
    '-',
    "'",
    'sep=',
    '\uFEFF',
  )
  const cellText = fc
    .array(
      fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom('æ', 'ø', 'å', 'Å')),
      {
        maxLength: 6,
      },
    )
    .map((parts) => parts.join(''))
  const table = fc.integer({ min: 1, max: 4 }).chain((width) =>
    fc.record({
      header: fc.array(cellText, { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(cellText, { minLength: width, maxLength: width }), { maxLength: 5 }),
      separator: fc.constantFrom<';' | ','>(';', ','),
      bom: fc.boolean(),
      excelSepLine: fc.boolean(),
    }),
  )

  it('returns the same cells for arbitrary text when the formula guard is off', () => {
    fc.assert(
      fc.property(table, ({ header, rows, ...opts }) => {
        const parsed = parseCsv(writeCsv(header, rows, { ...opts, formulaGuard: false }))
        expect(parsed.header).toEqual(header)
        expect(parsed.rows.map((r) => r.cells)).toEqual(rows)
        if (header.length > 1 || opts.excelSepLine) expect(parsed.separator).toBe(opts.separator)
      }),
      { numRuns: 500 },
    )
  })

  it('returns the same cells with the guard on for text it does not touch', () => {
    const safe = cellText.filter((s) => !/^[=+\-@\t\r]/.test(s))
    fc.assert(
      fc.property(fc.array(fc.array(safe, { minLength: 3, maxLength: 3 }), { maxLength: 5 }), (rows) => {
        const parsed = parseCsv(writeCsv(['a', 'b', 'c'], rows))
        expect(parsed.rows.map((r) => r.cells)).toEqual(rows)
      }),
    )
  })

  it('line numbers point at the physical line where each record starts', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellText, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const text = writeCsv(['a', 'b'], rows, { bom: false, formulaGuard: false })
        const physical = text.split(/\r\n|\n|\r/)
        for (const row of parseCsv(text).rows) {
          const first = writeCsv(['a', 'b'], [row.cells], { bom: false, formulaGuard: false })
            .split('\r\n')[1]
            ?.split(/\r\n|\n|\r/)[0]
          expect(physical[row.line - 1]).toBe(first)
        }
      }),
    )
  })
})
