package io.hongyan.wechat.callback;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallbackXmlTest {

    private static final int CAP = 64 * 1024;

    static final String TEXT = """
            <xml>
              <ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>
              <FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>
              <CreateTime>1714037059</CreateTime>
              <MsgType><![CDATA[text]]></MsgType>
              <Content><![CDATA[ 你好 <b>&amp; <!DOCTYPE x> ]]></Content>
              <MsgId>24602147216770304</MsgId>
            </xml>""";

    static final String CLICK = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o-user]]></FromUserName>"
            + "<CreateTime>1714037100</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>"
            + "<EventKey><![CDATA[MENU_1]]></EventKey></xml>";

    static final String JOB_FINISH = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o-user]]></FromUserName>"
            + "<CreateTime>1714037200</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            + "<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>200163836</MsgID>"
            + "<Status><![CDATA[failed: system failed]]></Status></xml>";

    private static Map<String, String> parse(String xml) {
        return CallbackXml.parse(xml.getBytes(StandardCharsets.UTF_8), CAP);
    }

    private static MalformedCallbackException.Reason refused(String xml, int cap) {
        return assertThrows(MalformedCallbackException.class,
                () -> CallbackXml.parse(xml.getBytes(StandardCharsets.UTF_8), cap)).reason();
    }

    @Test
    void textMessage() {
        Map<String, String> f = parse(TEXT);
        assertEquals("gh_97417a04a28d", f.get("ToUserName"));
        assertEquals("o9AgO5Kd5ggOC-bXrbNODIiE3bGY", f.get("FromUserName"));
        assertEquals("1714037059", f.get("CreateTime"));
        assertEquals("text", f.get("MsgType"));
        // CDATA kept verbatim, whitespace included; markup-looking text in CDATA is just text.
        assertEquals(" 你好 <b>&amp; <!DOCTYPE x> ", f.get("Content"));
        assertEquals("24602147216770304", f.get("MsgId"));
        assertEquals(6, f.size());
        // The String entry point gives the same map.
        assertEquals(f, CallbackXml.parse(TEXT, CAP));
    }

    @Test
    void clickEvent() {
        Map<String, String> f = parse(CLICK);
        assertEquals("event", f.get("MsgType"));
        assertEquals("CLICK", f.get("Event"));
        assertEquals("MENU_1", f.get("EventKey"));
    }

    @Test
    void templateSendJobFinishWithCapitalMsgID() {
        Map<String, String> f = parse(JOB_FINISH);
        assertEquals("200163836", f.get("MsgID"));
        assertEquals("failed: system failed", f.get("Status"));
        assertFalse(f.containsKey("MsgId"));
    }

    @Test
    void nestedAndRepeatedElementsAreFlattened() {
        String xml = "<xml><ToUserName>gh</ToUserName><Event>scancode_push</Event>"
                + "<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>"
                + "<SendPicsInfo><Count>2</Count><PicList>"
                + "<item><PicMd5Sum><![CDATA[aaa]]></PicMd5Sum></item>"
                + "<item><PicMd5Sum><![CDATA[bbb]]></PicMd5Sum></item>"
                + "</PicList></SendPicsInfo></xml>";
        Map<String, String> f = parse(xml);
        assertEquals("qrcode", f.get("ScanCodeInfo.ScanType"));
        assertEquals("1", f.get("ScanCodeInfo.ScanResult"));
        assertEquals("2", f.get("SendPicsInfo.Count"));
        assertEquals("aaa", f.get("SendPicsInfo.PicList.item[0].PicMd5Sum"));
        assertEquals("bbb", f.get("SendPicsInfo.PicList.item[1].PicMd5Sum"));
        assertFalse(f.containsKey("ScanCodeInfo"));
    }

    @Test
    void externalEntityIsRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><Content>&xxe;</Content></xml>";
        assertEquals(MalformedCallbackException.Reason.DTD_NOT_ALLOWED, refused(xxe, CAP));
        String parameterEntity = "<!DOCTYPE xml [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %p;]><xml/>";
        assertEquals(MalformedCallbackException.Reason.DTD_NOT_ALLOWED, refused(parameterEntity, CAP));
        String externalDtd = "<!DOCTYPE xml SYSTEM \"http://127.0.0.1:9/x.dtd\"><xml><a>1</a></xml>";
        assertEquals(MalformedCallbackException.Reason.DTD_NOT_ALLOWED, refused(externalDtd, CAP));
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            String prev = i == 1 ? "lol" : "lol" + (i - 1);
            dtd.append(("&" + prev + ";").repeat(10)).append("\">");
        }
        dtd.append("]><xml><Content>&lol9;</Content></xml>");
        assertEquals(MalformedCallbackException.Reason.DTD_NOT_ALLOWED, refused(dtd.toString(), CAP));
    }

    @Test
    void oversizeIsRefusedBeforeParsing() {
        assertEquals(MalformedCallbackException.Reason.TOO_LARGE, refused(TEXT, 100));
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class, () -> CallbackXml.parse(TEXT, 100));
        assertEquals(MalformedCallbackException.Reason.TOO_LARGE, e.reason());
        assertEquals(true, e.getMessage().startsWith("too large"));
    }

    @Test
    void malformedIsRefused() {
        assertEquals(MalformedCallbackException.Reason.NOT_WELL_FORMED, refused("<xml><a>1</xml>", CAP));
        assertEquals(MalformedCallbackException.Reason.NOT_WELL_FORMED, refused("<xml><a>&undefined;</a></xml>", CAP));
        assertEquals(MalformedCallbackException.Reason.NOT_WELL_FORMED, refused("not xml at all", CAP));
        assertEquals(MalformedCallbackException.Reason.NOT_WELL_FORMED, refused("{\"ToUserName\":\"x\"}", CAP));
        assertEquals(MalformedCallbackException.Reason.NOT_WELL_FORMED,
                assertThrows(MalformedCallbackException.class, () -> CallbackXml.parse(new byte[0], CAP)).reason());
    }

    @Test
    void wrongRootIsRefused() {
        assertEquals(MalformedCallbackException.Reason.WRONG_ROOT, refused("<root><ToUserName>x</ToUserName></root>", CAP));
    }

    @Test
    void deepNestingIsBounded() {
        String deep = "<a>".repeat(20) + "x" + "</a>".repeat(20);
        Map<String, String> f = parse("<xml><MsgType>text</MsgType>" + deep + "</xml>");
        assertEquals("text", f.get("MsgType"));
        assertEquals(1, f.size(), "nodes below the flattening depth are ignored");
        String tooDeep = "<a>".repeat(5000) + "x" + "</a>".repeat(5000);
        assertEquals(MalformedCallbackException.Reason.NOT_WELL_FORMED, refused("<xml>" + tooDeep + "</xml>", CAP));
    }
}
