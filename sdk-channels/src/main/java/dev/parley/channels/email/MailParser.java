package dev.parley.channels.email;

import dev.parley.channels.internal.Hmac;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Entry;
import dev.parley.core.channel.Attachment;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.MalformedPayloadException;
import dev.parley.core.channel.MediaKind;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Reads one raw message: the sender (the client; RFC 5322 comments in the address are allowed), the
 * {@code Message-ID} (or a digest of the bytes when there is none), the subject (RFC 2047 in any
 * charset the JDK knows), the plain text (or the text of the HTML, by jsoup), attachments and
 * inline images by {@code cid:} reference (file names by RFC 2231 too), and the thread: the first of {@code References}, else {@code
 * In-Reply-To}, else the message itself.
 */
final class MailParser {
  private static final Session SESSION = Session.getInstance(new Properties());
  private static final int MAX_DEPTH = 8;

  private MailParser() {}

  static ClientMessage parse(byte[] raw, Instant now) {
    try {
      return read(new MimeMessage(SESSION, new ByteArrayInputStream(raw)), raw, now);
    } catch (MessagingException | IOException | RuntimeException e) {
      if (e instanceof MalformedPayloadException m) {
        throw m;
      }
      throw new MalformedPayloadException("not a readable RFC 5322 message: " + e.getMessage());
    }
  }

  private static ClientMessage read(MimeMessage m, byte[] raw, Instant now) throws MessagingException, IOException {
    InternetAddress sender = sender(m);
    String address = sender.getAddress().toLowerCase(Locale.ROOT);
    String id = m.getMessageID() != null ? m.getMessageID().strip() : "sha256:" + Hmac.sha256Hex(raw);
    Instant at = m.getSentDate() != null ? m.getSentDate().toInstant() : now;
    ClientRef client = new ClientRef(Channel.EMAIL, address);
    Entry.Builder entry = Entry.builder(Channel.EMAIL).client(address).email(address);
    if (sender.getPersonal() != null && !sender.getPersonal().isBlank()) {
      entry.name(sender.getPersonal());
    }
    String subject = m.getSubject();
    if (subject != null && !subject.isBlank()) {
      entry.subject(subject);
    }
    ClientMessage.Builder b = ClientMessage.builder(id, client, at).entry(entry.build());
    String inReplyTo = m.getHeader("In-Reply-To", null);
    String references = m.getHeader("References", " ");
    if (inReplyTo != null && !inReplyTo.isBlank()) {
      b.replyTo(inReplyTo.strip());
    }
    b.thread(references != null && !references.isBlank() ? references.strip().split("\\s+")[0]
        : inReplyTo != null && !inReplyTo.isBlank() ? inReplyTo.strip() : id);
    Body body = new Body();
    walk(m, body, id, 0);
    String text = body.plain != null ? body.plain : body.html != null ? HtmlText.of(body.html) : "";
    body.attachments.forEach(b::attachment);
    b.text(text.isBlank() && body.attachments.isEmpty() ? "[e-mail without text]" : text.strip());
    return b.build();
  }

  /** The first address of {@code From}, its RFC 5322 comments removed; RFC 2047 names decoded. */
  private static InternetAddress sender(MimeMessage m) throws MessagingException {
    String from = m.getHeader("From", ",");
    if (from != null) {
      for (InternetAddress a : InternetAddress.parseHeader(AddressComments.strip(MimeUtility.unfold(from)), false)) {
        String address = a.getAddress() == null ? "" : a.getAddress().strip();
        if (address.indexOf('@') > 0 && !address.contains("\"")) {
          a.setAddress(address.replaceAll("\\s+", "")); // the space a comment left inside the addr-spec
          return a;
        }
      }
    }
    throw new MalformedPayloadException("the message has no From address");
  }

  private static final class Body {
    @Nullable String plain;
    @Nullable String html;
    final List<Attachment> attachments = new ArrayList<>();
  }

  private static void walk(Part part, Body body, String messageId, int depth) throws MessagingException, IOException {
    if (depth > MAX_DEPTH) {
      throw new MalformedPayloadException("the message nests more than " + MAX_DEPTH + " multiparts deep");
    }
    // Anything but the text is kept as an attachment, inline images (multipart/related) too.
    boolean text = part.isMimeType("text/plain") || part.isMimeType("text/html");
    boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null
        || !text && !part.isMimeType("multipart/*");
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multi) {
      for (int i = 0; i < multi.getCount(); i++) {
        BodyPart child = multi.getBodyPart(i);
        walk(child, body, messageId, depth + 1);
      }
    } else if (!attachment && part.isMimeType("text/plain") && body.plain == null) {
      body.plain = String.valueOf(part.getContent());
    } else if (!attachment && part.isMimeType("text/html") && body.html == null) {
      body.html = String.valueOf(part.getContent());
    } else if (attachment) {
      body.attachments.add(attachment(part, messageId, body.attachments.size()));
    }
  }

  private static Attachment attachment(Part part, String messageId, int index) throws MessagingException {
    String type = part.getContentType() == null ? "application/octet-stream"
        : part.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
    String contentId = part instanceof MimePart mp ? mp.getContentID() : null;
    String reference = contentId != null ? "cid:" + contentId.replaceAll("^<|>$", "") : "mid:" + messageId + "/" + index;
    MediaKind kind = type.startsWith("image/") ? MediaKind.IMAGE : type.startsWith("video/") ? MediaKind.VIDEO
        : type.startsWith("audio/") ? MediaKind.AUDIO : MediaKind.FILE;
    return new Attachment(kind, reference, type, part.getFileName());
  }
}
