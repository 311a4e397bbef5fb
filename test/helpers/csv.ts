/**
 * A strict RFC 4180 reader (no CSV parser is in node_modules): records end in CRLF, a field is either
 * plain (no comma, quote, CR or LF) or quoted with inner quotes doubled, and every record has as many
 * fields as the header. Anything else throws with the offset, so bad quoting cannot parse by luck.
 */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let at = 0;
  const fail = (rule: string): never => {
    throw new Error(`CSV offset ${at}: ${rule}`);
  };
  while (at < text.length) {
    let value = '';
    if (text[at] === '"') {
      at += 1;
      for (;;) {
        if (at >= text.length) fail('unterminated quoted field');
        if (text[at] === '"') {
          if (text[at + 1] === '"') {
            value += '"';
            at += 2;
          } else {
            at += 1;
            break;
          }
        } else value += text[at++];
      }
    } else {
      while (at < text.length && text[at] !== ',' && text[at] !== '\r') {
        if (text[at] === '"' || text[at] === '\n') fail(`${JSON.stringify(text[at])} in an unquoted field`);
        value += text[at++];
      }
    }
    record.push(value);
    if (text[at] === ',') at += 1;
    else if (text.startsWith('\r\n', at)) {
      at += 2;
      records.push(record);
      record = [];
    } else fail(`expected a comma or CRLF after a field, found ${JSON.stringify(text[at] ?? 'the end')}`);
  }
  if (record.length > 0) fail('the last record does not end in CRLF');
  const width = records[0]?.length ?? 0;
  records.forEach((fields, index) => fields.length === width || fail(`record ${index} has ${fields.length} fields, the header ${width}`));
  return records;
}
