/**
 * IP telephony: a PBX's call events become {@link dev.parley.core.channel.InboundItem.CallEvent}s.
 * {@link dev.parley.channels.telephony.TelephonyAdapter} does what every PBX shares (size limit,
 * duplicates, blacklist); a {@link dev.parley.channels.telephony.CallDialect} knows one PBX's
 * requests. {@link dev.parley.channels.telephony.TwilioVoice} is the dialect of Twilio's voice
 * webhook.
 */
@NullMarked
package dev.parley.channels.telephony;

import org.jspecify.annotations.NullMarked;
