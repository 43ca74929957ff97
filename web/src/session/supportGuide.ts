/**
 * What a support person is asked to do, for the screens that show it before (or without) the
 * server: the same guidance the server returns with a help request, kept here so it is on
 * screen even with no connection.
 */
export const SUPPORT_INSTRUCTIONS: readonly string[] = [
  'Stay within voice range for the whole session, and look in quietly about every 15 minutes.',
  'Do not give food or drink until the effects have passed; small sips of water are fine.',
  'If they cannot be woken, have trouble breathing, have chest pain or a seizure: call 911 now.',
  'If they say they might harm themselves: stay with them and call or text 988.',
  'They must not drive until tomorrow after a night’s sleep.',
];

/** What is normal during a session, so a support person knows when not to worry. */
export const WHAT_IS_NORMAL: readonly string[] = [
  'Feeling dreamy, floaty or far away, or seeing shapes and colours with eyes closed.',
  'Blurred vision, dizziness, and being slow to answer.',
  'Mild nausea. Keep a bowl and tissues close.',
  'The strongest effects usually ease within about an hour; most people feel settled after two.',
];

/** The statement a support person confirms before a session. */
export const SUPPORT_ATTESTATION: readonly string[] = [
  'I am 18 or over.',
  'I am sober: no alcohol or drugs today.',
  'I will stay within voice range for the whole session.',
  'I will check in on them about every 15 minutes.',
];
