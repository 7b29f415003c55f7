/**
 * Identifiers that rules find exactly: ticket numbers (TSyyyymmdd-NNNN) and
 * mainland mobile numbers.
 */

const TICKET_NUMBER = /TS\d{8}-\d{4}/gi;
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?!\d)/g;

/** Ticket numbers (TSyyyymmdd-NNNN) in the text, upper-cased, in order: `查一下ts20261129-0001` → ['TS20261129-0001']. */
export function findTicketNumbers(text: string): string[] {
  return [...text.normalize('NFKC').matchAll(TICKET_NUMBER)].map((m) => m[0].toUpperCase());
}

/** Mainland mobile numbers in the text, digits only: `电话138-1234-5678` → ['13812345678']. */
export function findPhoneNumbers(text: string): string[] {
  return [...text.normalize('NFKC').matchAll(MOBILE)].map((m) => m[1]!.replace(/[- ]/g, ''));
}
