// A generated roster of applicants across the 4 editions and their levels, with names that exercise the merge
// (accents, apostrophes, quotes).
export function rosterCsv(rows: number): string {
  const editions = [
    ['michigan', [1, 2, 3, 4]],
    ['texas', [1, 2, 3, 4]],
    ['new-mexico', [1, 2, 3, 4]],
    ['michigan-revised', [3]],
  ] as const;
  const first = ['José', 'Ann', "D'Arcy", 'Zoë', 'Nguyễn', 'Bob', 'Łucja', 'María José'];
  const last = ["Núñez-O'Brien", 'Smith', 'García', 'Lee "DJ"', 'Øberg', 'Jones', 'Ñandú', 'Müller'];
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = ['first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level'];
  for (let i = 0; i < rows; i++) {
    const [edition, levels] = editions[i % editions.length];
    lines.push(
      [
        q(first[i % 8]),
        q(last[(i * 3) % 8]),
        q(`${100 + i} Main St, Unit ${i % 7}`),
        '',
        'Lansing',
        'MI',
        '48933',
        `a${i}@example.org`,
        edition,
        levels[i % levels.length],
      ].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
