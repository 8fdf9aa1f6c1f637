package io.hongyan.wechat.callback;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hardened parser for WeChat's XML callback bodies (PROTOCOL.md §2).
 *
 * <p>WeChat's XML never needs a DTD, so any DOCTYPE is refused outright: that alone stops
 * XXE (external entities), billion-laughs (entity expansion) and DTD-fetch SSRF. External
 * entities, external DTD loading, XInclude and entity-reference expansion are switched off as
 * well, so a future change to one setting does not reopen the hole.
 *
 * <p>The result is the flat map of the {@code <xml>} root's content (text and CDATA alike),
 * nested elements flattened as described in {@link Flattener}: e.g. {@code ScanCodeInfo.ScanType},
 * {@code SendPicsInfo.PicList.item[0].PicMd5Sum}. Attributes are ignored (WeChat sends none).
 * Documents nested deeper than 32 elements are refused. Text is kept exactly, whitespace included. Works the same on a safe-mode envelope
 * ({@code ToUserName}, {@code Encrypt}) and on its decrypted plaintext.
 */
public final class CallbackXml {

    /** Deeper documents are refused as not well-formed; nesting within it but below {@link Flattener#MAX_DEPTH} is ignored. */
    static final int MAX_ELEMENT_DEPTH = 32;

    private static final DocumentBuilderFactory FACTORY = hardenedFactory();

    private CallbackXml() {
    }

    /**
     * Parse a UTF-8 (or self-declared encoding) XML body.
     *
     * @param body     the raw body
     * @param maxBytes the size cap; larger bodies are refused before parsing
     * @return the root's fields, in document order, unmodifiable
     * @throws MalformedCallbackException if too large, with a DTD, not well-formed, or not rooted at {@code <xml>}
     */
    public static Map<String, String> parse(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            throw new MalformedCallbackException(MalformedCallbackException.Reason.NOT_WELL_FORMED, "empty body");
        }
        checkSize(body.length, maxBytes);
        return parse(new InputSource(new ByteArrayInputStream(body)),
                () -> new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Parse an XML body already decoded to text (e.g. decrypted safe-mode plaintext).
     * The cap applies to its UTF-8 length.
     */
    public static Map<String, String> parse(String body, int maxBytes) {
        if (body == null || body.isEmpty()) {
            throw new MalformedCallbackException(MalformedCallbackException.Reason.NOT_WELL_FORMED, "empty body");
        }
        // A String holds at most 3 UTF-8 bytes per char; only encode when the cheap bound is not enough.
        if ((long) body.length() * 3 > maxBytes) {
            checkSize(body.getBytes(StandardCharsets.UTF_8).length, maxBytes);
        }
        return parse(new InputSource(new StringReader(body)), () -> body);
    }

    private static void checkSize(int length, int maxBytes) {
        if (length > maxBytes) {
            throw new MalformedCallbackException(MalformedCallbackException.Reason.TOO_LARGE,
                    length + " bytes > " + maxBytes);
        }
    }

    private static Map<String, String> parse(InputSource source, java.util.function.Supplier<String> text) {
        Document doc;
        try {
            DocumentBuilder builder;
            // DocumentBuilderFactory is not documented as thread-safe; creating builders is cheap.
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(THROWING);
            builder.setEntityResolver((publicId, systemId) -> {
                // Unreachable with DOCTYPE refused; a last guard against any fetch.
                throw new SAXException("external entity refused");
            });
            doc = builder.parse(source);
        } catch (SAXException e) {
            // The parser's message is localised, so classify by the input instead of by the message.
            String upper = text.get().toUpperCase(Locale.ROOT);
            if (upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
                throw new MalformedCallbackException(MalformedCallbackException.Reason.DTD_NOT_ALLOWED, null);
            }
            throw new MalformedCallbackException(MalformedCallbackException.Reason.NOT_WELL_FORMED, shortMessage(e));
        } catch (IOException | ParserConfigurationException e) {
            throw new MalformedCallbackException(MalformedCallbackException.Reason.NOT_WELL_FORMED, shortMessage(e));
        }
        Element root = doc.getDocumentElement();
        if (root == null || !"xml".equals(root.getTagName())) {
            throw new MalformedCallbackException(MalformedCallbackException.Reason.WRONG_ROOT,
                    root == null ? null : "<" + root.getTagName() + ">");
        }
        return Collections.unmodifiableMap(Flattener.flatten(children(root, 1)));
    }

    private static List<Flattener.Node> children(Element parent, int depth) {
        List<Flattener.Node> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                boolean hasElementChild = false;
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element) {
                        hasElementChild = true;
                        break;
                    }
                }
                if (!hasElementChild) {
                    out.add(new Flattener.Node(e.getTagName(), e.getTextContent(), null));
                } else if (depth < Flattener.MAX_DEPTH) {
                    out.add(new Flattener.Node(e.getTagName(), null, children(e, depth + 1)));
                }
            }
        }
        return out;
    }

    private static String shortMessage(Exception e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        return m.length() > 200 ? m.substring(0, 200) : m;
    }

    /** Fail on the first problem, and keep the parser from printing "[Fatal Error]" to stderr. */
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static DocumentBuilderFactory hardenedFactory() {
        // The JDK's built-in parser, not whatever is on the classpath: the feature names below are its own.
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be hardened", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // JDK 25 defaults to 100, older JDKs to unlimited; WeChat nests 4 deep. Same limit everywhere.
        f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", Integer.toString(MAX_ELEMENT_DEPTH));
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        f.setValidating(false);
        f.setCoalescing(true);
        return f;
    }
}
