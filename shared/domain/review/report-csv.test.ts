import { describe, expect, it } from 'vitest';
import { chatCsv, csvCell, healthCsv, timelineCsv, toCsv } from './report-csv';
import { sampleEvent } from './test-support';

describe('csvCell', () => {
  it('quotes per RFC 4180', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(-18.5)).toBe('-18.5');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('guards against CSV injection in text cells only', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+33 6')).toBe("'+33 6");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('ends every line with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe('exports', () => {
  const e = sampleEvent();

  it('timelineCsv: one row per timeline item with ISO times', () => {
    const csv = timelineCsv(e);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('ts,type,incident,channel,status,author,text');
    expect(lines[1]).toBe('2023-11-14T22:14:00.000Z,connection,,,online,,source online');
    expect(csv).toContain(
      '2023-11-14T22:15:44.000Z,post,inc-1,facebook,failed,alice,"Facebook Page failed: token expired\nWe know the audio is down and are fixing it. =cmd|\' /C calc\'!A0"',
    );
    expect(csv).toContain(',operator,inc-1,,acknowledge,alice,"Update 1 (acknowledgement) sent by alice\n');
  });

  it('healthCsv keeps negative numbers as numbers', () => {
    const lines = healthCsv(e.health.slice(60, 61)).split('\r\n');
    expect(lines[1]).toBe('2023-11-14T22:15:00.000Z,-90,0,30,2500,0,online,160');
  });

  it('chatCsv quotes, guards and adds the complaint verdict', () => {
    const csv = chatCsv(e.chat);
    expect(csv).toContain(',m5,viewer5,en,"thanks for the update, a comma, and ""quotes""",\r\n');
    expect(csv).toContain(',m8,viewer8,en,"\'=HYPERLINK(""http://evil.example"")",\r\n');
    expect(csv).toContain(',m1,viewer1,en,no audio,audio\r\n');
  });
});
