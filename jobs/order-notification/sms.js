"use strict";
// The order SMS (OpenMarket design, phase 7: the order notice by e-mail and SMS): whether the
// customer's phone can be texted, what the text says, and the SNS Publish input. Pure, so the
// handler's tests cover it without SNS.

/**
 * SNS Publish wants PhoneNumber in E.164: "+", the country code and the subscriber number, at most
 * 15 digits, no spaces or dashes (SNS API Reference, Publish: PhoneNumber "Use E.164 format"; SNS
 * Developer Guide, "Publishing to a mobile phone"). A country code never starts with 0.
 */
const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * The phone to text, from the order event's `customer.phone`: `{ phone }`, or `{ skip }` saying
 * why not. The order service sends numbers in E.164; a domestic form ("010-1234-5678") is not
 * guessed into one, since a wrong guess texts a stranger.
 */
function smsRecipient(customer) {
  const phone = customer ? customer.phone : undefined;
  if (phone === undefined || phone === null || phone === "") return { skip: "no phone" };
  if (typeof phone !== "string" || !E164.test(phone)) return { skip: "phone not E.164" };
  return { phone };
}

/**
 * One SMS carries 140 bytes: 160 GSM-7 characters, or 70 UCS-2 ones, and Korean is outside GSM-7.
 * A longer text goes out in several parts, each billed (SNS Developer Guide, "Publishing to a
 * mobile phone"; AWS End User Messaging SMS, "SMS character limits"). UCS-2 counts UTF-16 code
 * units, which is what String.length counts.
 */
const SEGMENT_UCS2_CHARACTERS = 70;

/**
 * The confirmation text, the fullest that fits one segment: order id and total, then the order id
 * alone, then a fixed notice (an order id may be 64 characters). The mail carries the details.
 */
function smsText(order) {
  const total = new Intl.NumberFormat("ko-KR", { style: "currency", currency: order.currency }).format(order.total);
  const brand = "[OpenMarket]";
  const texts = [
    `${brand} 주문(${order.orderId})이 접수되었습니다. 결제금액 ${total}. 상세 내역은 메일로 보냈습니다.`,
    `${brand} 주문(${order.orderId})이 접수되었습니다. 결제금액 ${total}`,
    `${brand} 주문(${order.orderId})이 접수되었습니다.`,
    `${brand} 주문이 접수되었습니다. 상세 내역은 메일을 확인해 주세요.`,
  ];
  return texts.find((text) => text.length <= SEGMENT_UCS2_CHARACTERS) ?? texts[texts.length - 1];
}

/**
 * Publish straight to the phone. An order confirmation supports a customer transaction, so it goes
 * as Transactional (delivery optimised for reliability rather than cost), set on the message
 * rather than trusted to the account's DefaultSMSType (SNS Developer Guide, "Setting SMS messaging
 * preferences": Transactional vs Promotional; SNS API Reference, SetSMSAttributes: the defaults
 * can be overridden per message by Publish's MessageAttributes, here AWS.SNS.SMS.SMSType).
 */
function smsPublishInput(phone, text) {
  return {
    PhoneNumber: phone,
    Message: text,
    MessageAttributes: { "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" } },
  };
}

exports.smsRecipient = smsRecipient;
exports.smsText = smsText;
exports.smsPublishInput = smsPublishInput;
exports.SEGMENT_UCS2_CHARACTERS = SEGMENT_UCS2_CHARACTERS;
