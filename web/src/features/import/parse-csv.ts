// Reads a CSV file in the browser with papaparse, 1 MB at a time (each slice is read asynchronously, so the page
// stays responsive on large files); the first record is the header.
import Papa from 'papaparse';

export type ParsedCsv = { header: string[]; records: string[][] };

export function parseCsv(file: File, onProgress: (fraction: number) => void): Promise<ParsedCsv> {
  return new Promise((resolve, reject) => {
    const all: string[][] = [];
    Papa.parse<string[]>(file, {
      header: false,
      skipEmptyLines: 'greedy',
      chunkSize: 1024 * 1024,
      chunk: (results) => {
        for (const r of results.data) all.push(r);
        onProgress(file.size ? Math.min(1, results.meta.cursor / file.size) : 1);
      },
      complete: () => {
        const [first, ...records] = all;
        if (!first) {
          reject(new Error('The file is empty.'));
          return;
        }
        const header = first.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
        resolve({ header, records });
      },
      error: (e) => reject(new Error(`The file cannot be read as CSV: ${e.message}`)),
    });
  });
}

/** The rejected rows as CSV: the file's own columns plus `reason`. */
export function rejectedCsv(
  header: string[],
  rows: Array<{ record: string[]; reasons: string[] }>,
): string {
  return Papa.unparse(
    {
      fields: [...header, 'reason'],
      data: rows.map((r) => [...header.map((_, i) => r.record[i] ?? ''), r.reasons.join('; ')]),
    },
    { escapeFormulae: true },
  );
}
