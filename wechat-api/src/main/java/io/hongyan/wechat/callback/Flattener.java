package io.hongyan.wechat.callback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flattening rule shared by {@link CallbackXml} and {@link CallbackJson}, so that XML and
 * JSON callbacks give the same map:
 * <ul>
 *   <li>a leaf's key is its path from the root, joined with {@code .}
 *       (e.g. {@code ScanCodeInfo.ScanResult});</li>
 *   <li>a name that occurs more than once among siblings (an XML repeat, a JSON array of two or
 *       more) gets a 0-based index on every occurrence: {@code SendPicsInfo.PicList.item[0].PicMd5Sum},
 *       {@code SendPicsInfo.PicList.item[1].PicMd5Sum}. A single occurrence (an XML element, a JSON
 *       object or one-item array) has no index: WeChat sends a one-item {@code List} as an object in
 *       JSON, and this keeps both formats alike;</li>
 *   <li>nodes deeper than {@link #MAX_DEPTH} are ignored (WeChat nests at most 4 levels), which
 *       also bounds recursion on hostile input.</li>
 * </ul>
 */
final class Flattener {

    static final int MAX_DEPTH = 8;

    private Flattener() {
    }

    /** A child node: its name, and either its text (a leaf) or its children. */
    record Node(String name, String text, List<Node> children) {
        boolean isLeaf() {
            return children == null;
        }
    }

    static Map<String, String> flatten(List<Node> rootChildren) {
        Map<String, String> out = new LinkedHashMap<>();
        add(out, "", rootChildren, 1);
        return out;
    }

    private static void add(Map<String, String> out, String prefix, List<Node> nodes, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Node n : nodes) {
            counts.merge(n.name(), 1, Integer::sum);
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Node n : nodes) {
            String key = prefix + n.name();
            if (counts.get(n.name()) > 1) {
                // 0 for the first occurrence, then 1, 2, ...
                key += "[" + seen.merge(n.name(), 0, (old, zero) -> old + 1) + "]";
            }
            if (n.isLeaf()) {
                out.putIfAbsent(key, n.text());
            } else {
                add(out, key + ".", n.children(), depth + 1);
            }
        }
    }
}
