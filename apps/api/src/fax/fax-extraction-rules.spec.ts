import { describe, expect, it } from 'vitest';
import { extractFaxFields, parseDate, parseName } from './fax-extraction-rules.js';

describe('offline fax field rules', () => {
  it('reads a referral letter: name, date of birth, PHN, phone, referring doctor and the kind of document', () => {
    const text = [
      'Harbour Medical Group        Fax: 604-555-7777',
      'REFERRAL LETTER',
      'Patient: Harriet Jones',
      'Date of Birth: March 14, 1948',
      'PHN: 9698 658 215',
      'Phone: (604) 555-0142',
      'Referring Physician: Dr. Amy Chen, MD',
      'Please see this patient for assessment of knee pain.',
    ].join('\n');
    expect(extractFaxFields(text)).toEqual({
      documentType: 'referral',
      fields: { patientFirstName: 'Harriet', patientLastName: 'Jones', dateOfBirth: '1948-03-14', phn: '9698658215', phone: '+16045550142', referringProvider: 'Dr. Amy Chen' },
      phnRejected: false,
    });
  });

  it('reads a lab report written LAST, First with a day-first date', () => {
    const r = extractFaxFields('LABORATORY REPORT\nName: WONG, MEI   Sex: F\nDOB: 22/07/1980\nHealth Number: 9123 456 789\nOrdering Physician: Dr. Raj Patel\nHemoglobin 131 g/L');
    expect(r.documentType).toBe('lab_result');
    expect(r.fields).toMatchObject({ patientFirstName: 'Mei', patientLastName: 'Wong', dateOfBirth: '1980-07-22', referringProvider: 'Dr. Raj Patel' });
  });

  it('keeps a PHN whose check digit is wrong out of the fields and says so', () => {
    const r = extractFaxFields('Consultation Report\nPatient: David Wong\nPHN: 9698 658 216');
    expect(r.fields.phn).toBeNull();
    expect(r.phnRejected).toBe(true);
    expect(r.documentType).toBe('consult_letter');
  });

  it('finds no patient in a document without one, and calls it other', () => {
    const r = extractFaxFields('Office closure notice\nOur office will be closed on Friday.');
    expect(r).toMatchObject({ documentType: 'other', fields: { patientFirstName: null, patientLastName: null, dateOfBirth: null, phn: null } });
  });

  it('reads imaging reports and the usual date and name spellings', () => {
    expect(extractFaxFields('DIAGNOSTIC IMAGING REPORT\nExam: Chest X-ray').documentType).toBe('imaging_report');
    expect(parseDate('1948-03-14')).toBe('1948-03-14');
    expect(parseDate('14 Mar 1948')).toBe('1948-03-14');
    expect(parseDate('July 31; 1990'), 'OCR reads the comma as a semicolon').toBe('1990-07-31');
    expect(parseDate('2099-01-01')).toBeNull();
    expect(parseName('Mr. John A. Smith  DOB 1970-01-01')).toEqual({ first: 'John', last: 'Smith' });
    expect(parseName("O'BRIEN, Sarah")).toEqual({ first: 'Sarah', last: "O'Brien" });
  });
});

describe('offline fax field rules on a row whose gaps the text layer collapsed', () => {
  it('reads name, date of birth and PHN from one line', () => {
    const r = extractFaxFields('Dr. Raj Patel\nRe: JONES, Harriet DOB: March 14, 1948 PHN: 9698 658 215\nThank you for seeing this patient.');
    expect(r.fields).toMatchObject({ patientFirstName: 'Harriet', patientLastName: 'Jones', dateOfBirth: '1948-03-14', phn: '9698658215' });
  });
});

describe('offline fax field rules on OCR text', () => {
  it('reads names through the specks and misread commas a scan leaves', () => {
    const form = extractFaxFields('"Harbour Medical Group.Fax 604-555-7777 ‘ . :\nREFERRAL FORM" : : : |\n: Patient Name: Gurdeep Johal : :\n. Date of Birth: 1999-01-24 i');
    expect(form.fields).toMatchObject({ patientFirstName: 'Gurdeep', patientLastName: 'Johal', dateOfBirth: '1999-01-24' });
    const letter = extractFaxFields('Dr. Raj Patel . .\nWestside Specialist Clinic i\nRe: WILSON; Isabelle DOB: February 1, 1981 PHN: 9884886902');
    expect(letter.fields).toMatchObject({ patientFirstName: 'Isabelle', patientLastName: 'Wilson', dateOfBirth: '1981-02-01' });
  });
});
