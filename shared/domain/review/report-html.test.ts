import { describe, expect, it } from 'vitest';
import { eventFigures } from './figures';
import { renderReportHtml } from './report-html';
import { renderReportMarkdown, escapeMarkdown } from './report-markdown';
import { lineChart } from './svg-chart';
import { HOSTILE, sampleEvent, T0 } from './test-support';

function hostileEvent() {
  const e = sampleEvent();
  e.session.eventName = 'Launch <b onmouseover="x">webinar</b> & "friends"';
  e.session.truth[0].label = '</title><script>bad()</script>';
  return e;
}

describe('renderReportHtml', () => {
  const e = hostileEvent();
  const html = renderReportHtml(e, eventFigures(e));

  it('is a self-contained document without scripts or external assets', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/src="http/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain('@media print');
    expect(html).toContain("default-src 'none'");
  });

  it('escapes hostile chat, post and event text', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<b onmouseover');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Launch &lt;b onmouseover=&quot;x&quot;&gt;webinar&lt;/b&gt; &amp; &quot;friends&quot;');
    expect(html).toContain('mixer &lt;b&gt;muted&lt;/b&gt;');
  });

  it('contains the figures per incident and per event', () => {
    expect(html).toMatch(/Time to detect<\/th><td>3 s <span class="meta">from the true start of the fault/);
    expect(html).toContain('Time to acknowledge</th><td>17 s by alice');
    expect(html).toContain('Time to first public update</th><td>37 s');
    expect(html).toContain('Longest silence</th><td>5 min 00 s (+0:01:40 → +0:06:40)');
    expect(html).toContain('Complaints before the first update</th><td>4 (2.4/min)');
    expect(html).toContain('Complaints after the first update</th><td>1 (0.15/min)');
    expect(html).toContain('Incidents</th><td>2 (1 false alarm)');
    expect(html).toContain('Rounds that reached a single channel</th><td><span class="flag">1');
    expect(html).toContain('Facebook Page: token expired');
    expect(html).toContain('SMS: no SMS list for this event');
    expect(html).toContain('E-mail to attendees (+3 s)');
  });

  it('includes the charts as inline SVG with incident bands and post markers', () => {
    expect((html.match(/<svg /g) ?? []).length).toBe(6);
    expect(html).toContain('inc-1 audio (high)');
    expect(html).toContain('Posts per channel');
    expect(html).toContain('<circle');
    expect(renderReportHtml(e, eventFigures(e), { charts: false })).not.toContain('<svg');
  });

  it('lists every post per channel, as posted', () => {
    expect(html).toContain('We know the audio is down and are fixing it.');
    expect(html).toContain('Still working on the audio, next update in 5 minutes.');
    expect(html).toMatch(/<h3>Facebook Page \(2\)<\/h3>/);
  });
});

describe('lineChart', () => {
  it('breaks the line at gaps and escapes labels', () => {
    const svg = lineChart({
      title: 'a<b',
      from: T0,
      to: T0 + 3000,
      series: [
        {
          label: '<x>',
          color: 'red"',
          points: [
            { t: T0, v: 1 },
            { t: T0 + 1000, v: null },
            { t: T0 + 2000, v: 2 },
            { t: T0 + 3000, v: 3 },
          ],
        },
      ],
    });
    expect(svg).toContain('a&lt;b');
    expect(svg).toContain('&lt;x&gt;');
    expect(svg).toContain('stroke="red&quot;"');
    const d = /<path d="([^"]+)" fill="none"/.exec(svg)?.[1] ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
  });
});

describe('renderReportMarkdown', () => {
  const e = hostileEvent();
  const md = renderReportMarkdown(e, eventFigures(e));

  it('contains the figures and escapes hostile text', () => {
    expect(md).toContain('| Time to detect | 3 s (from the true fault start) |');
    expect(md).toContain('| Longest silence | 5 min 00 s |');
    expect(md).not.toMatch(/<script|<img|<b /i);
    expect(md).toContain('&lt;script&gt;');
    expect(md).toContain('# Review: Launch &lt;b onmouseover="x"&gt;webinar&lt;/b&gt; &amp; "friends"');
  });

  it('keeps table cells and links intact', () => {
    expect(escapeMarkdown('a|b\nc [x](javascript:y) *b* `c`')).toBe('a\\|b c \\[x\\](javascript:y) \\*b\\* \\`c\\`');
    expect(escapeMarkdown('# title')).toBe('\\# title');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('12. item')).toBe('12\\. item');
    expect(escapeMarkdown('a-b 1.5')).toBe('a-b 1.5');
  });
});

describe('bidi controls in hostile text', () => {
  const RLO = '\u202E';
  const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
  function bidiEvent() {
    const e = sampleEvent();
    e.session.eventName = `Launch ${RLO}evil`;
    e.incidents[0].title = `Audio ${RLO}gone \u2066nested\u2069 after`;
    return e;
  }

  it('keeps each value with bidi controls in a <bdi> of its own in the HTML report', () => {
    const e = bidiEvent();
    const html = renderReportHtml(e, eventFigures(e));
    // Without it, the override reverses the rest of the paragraph: the source URL, the start time.
    expect(html).toContain(`<p class="meta"><bdi>Launch ${RLO}evil</bdi> · `);
    expect(html).toContain(`<bdi>Audio ${RLO}gone \u2066nested\u2069 after</bdi>`);
    const body = html.slice(html.indexOf('<body>'));
    expect(body.replace(/<bdi>[^<]*<\/bdi>/g, '')).not.toMatch(BIDI);
    // Text without bidi controls is left as it was.
    expect(renderReportHtml(sampleEvent(), eventFigures(sampleEvent()))).not.toContain('<bdi>');
  });

  it('wraps such a value in FSI … PDI in Markdown, and drops a PDI of its own that would close ours', () => {
    expect(escapeMarkdown(`evil${RLO}txt`)).toBe(`\u2068evil${RLO}txt\u2069`);
    expect(escapeMarkdown(`x\u2069${RLO}y`)).toBe(`\u2068x${RLO}y\u2069`);
    expect(escapeMarkdown('a\u2067b\u2069c')).toBe('\u2068a\u2067b\u2069c\u2069');
    expect(escapeMarkdown('plain | text')).toBe('plain \\| text');
    const e = bidiEvent();
    const md = renderReportMarkdown(e, eventFigures(e));
    expect(md).toContain(`# Review: \u2068Launch ${RLO}evil\u2069`);
    let depth = 0;
    let outside = ''; // the text outside every isolate (nested ones too): what an override there would reorder
    for (const c of md) {
      if (c === '\u2066' || c === '\u2067' || c === '\u2068') depth++;
      else if (c === '\u2069' && depth > 0) depth--;
      else if (depth === 0) outside += c;
    }
    expect(outside).not.toMatch(BIDI);
  });
});
