import { hex } from "../ids";
import { list, num, record, str, strings } from "../inputs";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

/** SES v2 EventType values (SES API v2 reference, EventDestinationDefinition.MatchingEventTypes). */
const eventTypes = ["SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "OPEN", "CLICK", "RENDERING_FAILURE", "DELIVERY_DELAY", "SUBSCRIPTION"];
/** Configuration-set names: 1-64 letters, digits, '_' and '-' (SES API v2 reference, CreateConfigurationSet). */
const setName = /^[A-Za-z0-9_-]{1,64}$/;
const domain = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const address = /^[^@\s]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const sesResources: Record<string, ResourceModel> = {
  /**
   * A domain identity with Easy DKIM answers with three tokens, each published as
   * `<token>._domainkey.<domain>` CNAME `<token>.dkim.amazonses.com` (SES Developer Guide, "Easy
   * DKIM"); it stays PENDING until SES finds them. An address identity has no DKIM tokens.
   */
  "aws:sesv2/emailIdentity:EmailIdentity": (ctx) => {
    const identity = str(ctx.inputs, "emailIdentity") ?? "";
    const isDomain = domain.test(identity);
    if (!isDomain && !address.test(identity)) throw new Error(`${ctx.name}: '${identity}' is neither a domain nor an e-mail address`);
    const setting = str(ctx.inputs, "configurationSetName");
    if (setting !== undefined && !setName.test(setting)) throw new Error(`${ctx.name}: configuration set name '${setting}'`);
    const dkim = record(ctx.inputs, "dkimSigningAttributes") ?? {};
    const keyLength = str(dkim, "nextSigningKeyLength") ?? "RSA_2048_BIT";
    if (!["RSA_1024_BIT", "RSA_2048_BIT"].includes(keyLength)) throw new Error(`${ctx.name}: nextSigningKeyLength ${keyLength} (RSA_1024_BIT or RSA_2048_BIT)`);
    const tokens = isDomain ? [0, 1, 2].map((i) => hex(`${ctx.seed}:dkim:${i}`, 32)) : [];
    return {
      id: identity,
      state: {
        arn: arnOf(ctx, "ses", `identity/${identity}`),
        identityType: isDomain ? "DOMAIN" : "EMAIL_ADDRESS",
        verificationStatus: "PENDING",
        verifiedForSendingStatus: false,
        dkimSigningAttributes: {
          ...dkim,
          currentSigningKeyLength: keyLength,
          nextSigningKeyLength: keyLength,
          signingAttributesOrigin: "AWS_SES",
          status: isDomain ? "PENDING" : "NOT_STARTED",
          tokens,
          lastKeyGenerationTimestamp: "",
        },
      },
    };
  },
  "aws:sesv2/configurationSet:ConfigurationSet": (ctx) => {
    const name = str(ctx.inputs, "configurationSetName") ?? "";
    if (!setName.test(name)) throw new Error(`${ctx.name}: configuration set name '${name}' (1-64 letters, digits, '_' and '-')`);
    const tls = str(record(ctx.inputs, "deliveryOptions"), "tlsPolicy");
    if (tls !== undefined && !["REQUIRE", "OPTIONAL"].includes(tls)) throw new Error(`${ctx.name}: tlsPolicy ${tls} (REQUIRE or OPTIONAL)`);
    for (const reason of strings(record(ctx.inputs, "suppressionOptions"), "suppressedReasons") ?? []) {
      if (!["BOUNCE", "COMPLAINT"].includes(reason)) throw new Error(`${ctx.name}: suppressed reason ${reason} (BOUNCE or COMPLAINT)`);
    }
    return { id: name, state: { arn: arnOf(ctx, "ses", `configuration-set/${name}`) } };
  },
  /** Exactly one destination per event destination (the provider's ExactlyOneOf), and known event types. */
  "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination": (ctx) => {
    const set = str(ctx.inputs, "configurationSetName") ?? "";
    const name = str(ctx.inputs, "eventDestinationName") ?? "";
    const destination = record(ctx.inputs, "eventDestination") ?? {};
    const kinds = ["cloudWatchDestination", "eventBridgeDestination", "kinesisFirehoseDestination", "pinpointDestination", "snsDestination"].filter((k) => record(destination, k) !== undefined);
    if (kinds.length !== 1) throw new Error(`${ctx.name}: an event destination has exactly one destination (has ${kinds.length})`);
    const types = list(destination, "matchingEventTypes") ?? [];
    if (types.length === 0) throw new Error(`${ctx.name}: matchingEventTypes is empty`);
    for (const type of types) if (!eventTypes.includes(String(type))) throw new Error(`${ctx.name}: event type ${String(type)} (allowed: ${eventTypes.join(", ")})`);
    const topic = str(record(destination, "snsDestination"), "topicArn");
    if (kinds[0] === "snsDestination" && !/^arn:aws[a-z0-9-]*:sns:[a-z0-9-]+:\d{12}:[^:]+$/.test(topic ?? "")) throw new Error(`${ctx.name}: snsDestination.topicArn '${topic}' is not a topic ARN`);
    // The provider's id joins the set and the destination name.
    return { id: `${set}|${name}`, state: {} };
  },
};

/**
 * The account's SMS preferences in a region: one set, which SetSMSAttributes overwrites; the
 * provider's id is the constant `aws_sns_sms_id` (internal/service/sns resourceSMSPreferencesSet).
 */
export const smsPreferencesResources: Record<string, ResourceModel> = {
  "aws:sns/smsPreferences:SmsPreferences": (ctx) => {
    const limit = num(ctx.inputs, "monthlySpendLimit");
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw new Error(`${ctx.name}: monthlySpendLimit ${limit} must be a whole number of USD, 0 or more`);
    const type = str(ctx.inputs, "defaultSmsType");
    if (type !== undefined && !["Promotional", "Transactional"].includes(type)) throw new Error(`${ctx.name}: defaultSmsType ${type} (Promotional or Transactional)`);
    return { id: "aws_sns_sms_id", state: { monthlySpendLimit: limit ?? 1 } };
  },
};
