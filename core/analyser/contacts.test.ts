import { describe, expect, it } from 'vitest';
import { findPhoneNumbers, findTicketNumbers } from './contacts.js';

describe('findTicketNumbers', () => {
  it('finds ticket numbers in any case and width, upper-cased, in order', () => {
    expect(findTicketNumbers('查一下 TS20261129-0001 和ts20250312-0042')).toEqual(['TS20261129-0001', 'TS20250312-0042']);
    expect(findTicketNumbers('ＴＳ２０２６１１２９－０００１')).toEqual(['TS20261129-0001']);
  });

  it('ignores look-alikes', () => {
    expect(findTicketNumbers('TS2026112-0001 或 20261129-0001')).toEqual([]);
  });
});

describe('findPhoneNumbers', () => {
  it('finds mainland mobile numbers with or without separators and +86', () => {
    expect(findPhoneNumbers('我手机号是13812345678，或者+86 139-1234-5678')).toEqual(['13812345678', '13912345678']);
  });

  it('does not take a ticket number or a longer digit run for a phone number', () => {
    expect(findPhoneNumbers('TS20261129-0001 订单号 1381234567890')).toEqual([]);
  });
});
