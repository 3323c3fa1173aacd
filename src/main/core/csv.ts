// RFC 4180 CSV, the one way KimiBar writes it (`kimibar history --csv`, `kimibar stats --csv`):
// a cell with a comma, a quote or a line break is quoted and its quotes doubled; rows end in
// CRLF, the last one too; an unknown value is an empty cell.
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return `${[header.map(csvCell), ...rows.map((row) => row.map(csvCell))].map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
