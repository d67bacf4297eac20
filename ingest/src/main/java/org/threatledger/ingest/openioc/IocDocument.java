package org.threatledger.ingest.openioc;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What an OpenIOC 1.0 ({@code <ioc>}, namespace {@code http://schemas.mandiant.com/2010/ioc}) or
 * 1.1 ({@code <OpenIOC>}, {@code <metadata>}/{@code <criteria>}) document says, read by local
 * element names so both versions read the same way.
 */
record IocDocument(String id, String shortDescription, String description, String lastModified,
        String authoredDate, List<Link> links, Branch definition) {

    record Link(String rel, String value) {}

    /** A node of the definition tree. */
    sealed interface Term permits Branch, Item {}

    /** An {@code <Indicator operator="AND|OR">}. */
    record Branch(String id, String operator, List<Term> children) implements Term {}

    /**
     * An {@code <IndicatorItem>}: {@code condition} as written, {@code negate} from OpenIOC 1.1's
     * attribute, Context/@search and Content's type and text.
     */
    record Item(String id, String condition, boolean negate, String search, String contentType, String content)
            implements Term {}

    static IocDocument of(Document doc) {
        Element root = doc.getDocumentElement();
        String name = root.getLocalName();
        if (!"ioc".equals(name) && !"OpenIOC".equals(name)) {
            throw new IllegalArgumentException("root element <" + name + "> is neither <ioc> (OpenIOC 1.0) nor <OpenIOC> (1.1)");
        }
        Element meta = "OpenIOC".equals(name) ? child(root, "metadata") : root;
        Element definition = child(root, "OpenIOC".equals(name) ? "criteria" : "definition");
        Element top = definition == null ? null : child(definition, "Indicator");
        if (top == null) {
            throw new IllegalArgumentException("no definition/criteria with an <Indicator>");
        }
        List<Link> links = new ArrayList<>();
        Element linksElement = meta == null ? null : child(meta, "links");
        if (linksElement != null) {
            for (Element l : children(linksElement, "link")) {
                links.add(new Link(l.getAttribute("rel"), l.getTextContent().strip()));
            }
        }
        return new IocDocument(root.getAttribute("id"), text(meta, "short_description"), text(meta, "description"),
                emptyToNull(root.getAttribute("last-modified")), text(meta, "authored_date"), links, branch(top));
    }

    private static Branch branch(Element indicator) {
        List<Term> children = new ArrayList<>();
        for (Node n = indicator.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if ("Indicator".equals(e.getLocalName())) {
                    children.add(branch(e));
                } else if ("IndicatorItem".equals(e.getLocalName())) {
                    children.add(item(e));
                }
            }
        }
        return new Branch(indicator.getAttribute("id"), indicator.getAttribute("operator").strip(), children);
    }

    private static Item item(Element e) {
        Element context = child(e, "Context");
        Element content = child(e, "Content");
        return new Item(e.getAttribute("id"), e.getAttribute("condition").strip(),
                "true".equalsIgnoreCase(e.getAttribute("negate")),
                context == null ? "" : context.getAttribute("search").strip(),
                content == null ? "" : content.getAttribute("type"),
                content == null ? "" : content.getTextContent());
    }

    private static Element child(Element parent, String localName) {
        List<Element> list = children(parent, localName);
        return list.isEmpty() ? null : list.get(0);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                list.add(e);
            }
        }
        return list;
    }

    private static String text(Element parent, String localName) {
        Element e = parent == null ? null : child(parent, localName);
        return e == null ? null : emptyToNull(e.getTextContent().strip());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
