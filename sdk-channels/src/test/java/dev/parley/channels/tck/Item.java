package dev.parley.channels.tck;

/**
 * One thing the kit asks the vendor to deliver: a message {@code text} with the vendor id {@code
 * id} from the client known on the channel as {@code sender}. Channels without messages (telephony)
 * deliver what fits, such as a call from {@code sender}, keeping {@code id} in the item's id.
 *
 * @param id the vendor's id
 * @param sender the client, as the kit's {@code identifier(sender)} maps him to the channel
 * @param text the message text, plain ASCII
 */
public record Item(String id, String sender, String text) {}
