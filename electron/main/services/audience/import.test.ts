/**
 * Each vendor's registrant export, recognised from its header, with the broken rows producers really get:
 * a bad e-mail, a bad phone number, a duplicate. Every problem row is named by its line; SMS consent only
 * ever comes from a column that says so.
 */
import { describe, expect, it } from 'vitest';
import { parseImport, toE164 } from './import';

const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';

/** Zoom's registration report: the webinar's details above the registrant table. */
const ZOOM = csv(
  'Registration Report',
  'Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,# Cancelled,Unique Viewers,Total Users,Max Concurrent Views',
  'Quarterly results,812 3456 7890,2026-11-30 10:00,60,5,0,0,0,0',
  '',
  'First Name,Last Name,Email,City,Country/Region,Phone,Organization,Job Title,Registration Time,Approval Status',
  'Anna,Rossi,anna.rossi@example.com,Milano,Italy,+39 347 123 4567,ACME,CFO,2026-11-20 09:12:03,approved',
  'Ben,Miller,ben@example,London,United Kingdom,,ACME,Analyst,2026-11-20 09:15:00,approved',
  'Carla,Bianchi,carla@example.com,Roma,Italy,12,ACME,,2026-11-21 10:00:00,approved',
  'Anna,R.,ANNA.ROSSI@example.com,Milano,Italy,,ACME,CFO,2026-11-22 11:00:00,approved',
  'Dario,Verdi,dario@example.com,Torino,Italy,02 1234 5678,,,2026-11-22 11:05:00,approved',
);

const GOTO = csv(
  'First Name,Last Name,Email Address,Registration Date,Phone,Organization,Job Title,Source',
  'Eve,Adams,eve@example.org,"Nov 20, 2026 09:00 AM CET",+1 202 555 0143,Widgets,CTO,Email',
  'Frank,Baker,frank@@example.org,"Nov 20, 2026 09:05 AM CET",,Widgets,,Email',
  'Gina,Clark,gina@example.org,"Nov 20, 2026 09:07 AM CET",555,Widgets,,Email',
  'Eve,Adams,eve@example.org,"Nov 21, 2026 10:00 AM CET",,Widgets,CTO,Email',
);

const EVENTBRITE = csv(
  'Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,Cell Phone,Attendee Status,SMS updates',
  '1001,2026-11-01,Hugo,Lang,hugo@example.de,1,General Admission,5001,+49 1512 3456789,Attending,Yes',
  '1002,2026-11-02,Ida,Meyer,not-an-email,1,General Admission,5002,,Attending,No',
  '1003,2026-11-02,Jan,Koch,jan@example.de,1,General Admission,5003,+49 99,Attending,Yes',
  '1004,2026-11-03,Hugo,Lang,hugo@example.de,1,VIP,5004,,Attending,No',
  '1005,2026-11-03,Kai,Wolf,kai@example.de,1,VIP,5005,+49 1512 7654321,Attending,No',
);

const TEAMS = csv(
  'First name,Last name,Email,Job title,Company,Phone number,Registration status,Registered on,Preferred language',
  'Léa,Martin,lea@example.fr,,Société,+33 6 12 34 56 78,Registered,11/20/2026 9:00 AM,Français',
  'Marc,Dubois,marc@example,,Société,,Registered,11/20/2026 9:01 AM,fr',
  'Nina,Petit,nina@example.fr,,Société,+33 1,Registered,11/20/2026 9:02 AM,fr-FR',
  'Léa,Martin,lea@example.fr,,Société,,Canceled,11/21/2026 9:00 AM,fr',
);

const ON24 = csv(
  'Email,First Name,Last Name,Company,Job Title,Work Phone,Country,Registration Date,Language',
  'olga@example.es,Olga,Ruiz,Empresa,,+34 612 34 56 78,Spain,2026-11-20 09:00:00,es',
  'pablo@,Pablo,Gil,Empresa,,,Spain,2026-11-20 09:01:00,es',
  'quim@example.es,Quim,Puig,Empresa,,+34 1,Spain,2026-11-20 09:02:00,ca',
  'olga@example.es,Olga,Ruiz,Empresa,,,Spain,2026-11-21 09:00:00,es',
);

const preview = (content: string, fileName: string, extra = {}) =>
  parseImport({ fileName, content, ...extra }, 'IT').preview;

describe('registrant exports per vendor', () => {
  it('Zoom: finds the table below the report header, reports each broken row by line', () => {
    const p = preview(ZOOM, 'zoom-registrants.csv');
    expect(p.layout).toBe('zoom');
    expect(p.mapping).toMatchObject({ email: 'Email', phone: 'Phone', firstName: 'First Name' });
    expect(p.problems).toEqual([
      { line: 7, reason: 'bad e-mail address "ben@example"' },
      { line: 8, reason: 'bad phone number "12" (default country IT)' },
      { line: 9, reason: 'duplicate of line 6 (anna.rossi@example.com)' },
    ]);
    expect(p.valid).toBe(2);
    expect(p.rows).toBe(5);
    expect(p.sample[0]).toMatchObject({ line: 6, name: 'Anna Rossi', phone: '+393471234567', consents: ['email'] });
    // A number without +code takes the default country.
    expect(p.sample[1]).toMatchObject({ email: 'dario@example.com', phone: '+390212345678' });
    expect(p.consentCounts).toEqual({ email: 2, sms: 0 }); // registering is no SMS consent
  });

  it('GoToWebinar', () => {
    const p = preview(GOTO, 'goto.csv');
    expect(p.layout).toBe('gotowebinar');
    expect(p.problems.map((x) => [x.line, x.reason.split(' ')[0] + ' ' + x.reason.split(' ')[1]])).toEqual([
      [3, 'bad e-mail'],
      [4, 'bad phone'],
      [5, 'duplicate of'],
    ]);
    expect(p.sample).toEqual([
      { line: 2, name: 'Eve Adams', email: 'eve@example.org', phone: '+12025550143', consents: ['email'] },
    ]);
  });

  it('Eventbrite: SMS consent only where its column says yes, and only with a valid number', () => {
    const p = preview(EVENTBRITE, 'eventbrite.csv', { mapping: undefined });
    expect(p.layout).toBe('eventbrite');
    expect(p.problems.map((x) => x.line)).toEqual([3, 4, 5]);
    expect(p.problems[0].reason).toMatch(/bad e-mail/);
    expect(p.problems[1].reason).toMatch(/bad phone number "\+49 99"/);
    expect(p.problems[2].reason).toMatch(/duplicate of line 2/);
    expect(p.mapping.smsConsent).toBe('SMS updates');
    expect(p.sample.map((s) => [s.email, s.consents])).toEqual([
      ['hugo@example.de', ['email', 'sms']],
      ['kai@example.de', ['email']],
    ]);
    expect(p.consentCounts).toEqual({ email: 2, sms: 1 });
  });

  it('Microsoft Teams webinar registrations, with the language column', () => {
    const p = preview(TEAMS, 'teams.csv');
    expect(p.layout).toBe('teams');
    expect(p.problems.map((x) => x.line)).toEqual([3, 4, 5]);
    expect(p.sample[0]).toMatchObject({ name: 'Léa Martin', phone: '+33612345678', language: 'fr' });
  });

  it('ON24', () => {
    const p = preview(ON24, 'on24.csv');
    expect(p.layout).toBe('on24');
    expect(p.problems.map((x) => x.line)).toEqual([3, 4, 5]);
    expect(p.sample[0]).toMatchObject({ email: 'olga@example.es', phone: '+34612345678', language: 'es' });
  });

  it('an unknown layout asks for a mapping; the confirmed mapping then reads it', () => {
    const content = csv(
      'Nome;Cognome;Posta;Cellulare;Consenso SMS;Lingua',
      'Rita;Neri;rita@example.it;347 765 4321;sì;italiano',
      'Sara;Blu;sara@example.it;;no;it',
      'Teo;Gialli;teo(at)example.it;;;it',
    ).replace(/;/g, ',');
    const unknown = preview(content, 'list.csv');
    expect(unknown.layout).toBe('custom');
    expect(unknown.valid).toBe(0);
    expect(unknown.problems[0]).toMatchObject({ line: 1, reason: expect.stringMatching(/map the columns/) });
    expect(unknown.headers).toEqual(['Nome', 'Cognome', 'Posta', 'Cellulare', 'Consenso SMS', 'Lingua']);

    const mapped = preview(content, 'list.csv', {
      mapping: {
        firstName: 'Nome',
        lastName: 'Cognome',
        email: 'Posta',
        phone: 'Cellulare',
        smsConsent: 'Consenso SMS',
        language: 'Lingua',
      },
      consent: { email: 'registered', sms: 'column' },
    });
    expect(mapped.layout).toBe('custom');
    expect(mapped.problems).toEqual([{ line: 4, reason: 'bad e-mail address "teo(at)example.it"' }]);
    expect(mapped.sample).toEqual([
      {
        line: 2,
        name: 'Rita Neri',
        email: 'rita@example.it',
        phone: '+393477654321',
        language: 'it',
        consents: ['email', 'sms'],
      },
      { line: 3, name: 'Sara Blu', email: 'sara@example.it', language: 'it', consents: ['email'] },
    ]);
  });

  it('a file that states no consent grants none', () => {
    const p = preview(ZOOM, 'zoom.csv', { consent: { email: 'none', sms: 'none' } });
    expect(p.consentCounts).toEqual({ email: 0, sms: 0 });
  });

  it('quoted fields with commas and line breaks keep their line numbers', () => {
    const content = csv(
      'First Name,Last Name,Email Address,Registration Date,Phone',
      '"Uma, Jr.","O\'Neil",uma@example.com,"Nov 20,\n2026",',
      'Vic,Z,bad,"Nov 20, 2026",',
    );
    const p = preview(content, 'goto.csv');
    expect(p.sample[0]).toMatchObject({ line: 2, name: "Uma, Jr. O'Neil" });
    expect(p.problems).toEqual([{ line: 4, reason: 'bad e-mail address "bad"' }]);
  });

  it('phone numbers to E.164', () => {
    expect(toE164('+39 347 123 4567', 'IT')).toBe('+393471234567');
    expect(toE164('(202) 555-0143', 'US')).toBe('+12025550143');
    expect(toE164('12', 'IT')).toBeUndefined();
  });
});
