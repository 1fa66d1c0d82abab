package dev.signoff.web;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import java.util.List;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders agent-written markdown safely. Agents are LLMs and their text is untrusted: raw HTML is escaped,
 * link targets other than http(s)/mailto are dropped, and images become plain links so nothing is fetched
 * from a third party when a reviewer opens a task.
 */
public final class Markdown {

    // Agents write GitHub-flavoured markdown: tables and ~~strikethrough~~ would otherwise show as raw pipes and
    // tildes.
    private static final List<Extension> EXTENSIONS =
            List.of(TablesExtension.create(), StrikethroughExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                    attributes.put("target", "_blank");
                }
            })
            .build();
    private static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto");

    private Markdown() {}

    @TemplateExtension(matchName = "markdown")
    public static RawString markdown(String source) {
        return new RawString(toHtml(source));
    }

    public static String toHtml(String source) {
        if (source == null || source.isBlank()) {
            return "";
        }
        Node document = PARSER.parse(source);
        neutralise(document);
        return RENDERER.render(document);
    }

    private static void neutralise(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            if (child instanceof Image image) {
                Link link = new Link(image.getDestination(), image.getTitle());
                String alt = image.getFirstChild() instanceof Text text ? text.getLiteral() : image.getDestination();
                link.appendChild(new Text("[image: " + alt + "]"));
                image.insertBefore(link);
                image.unlink();
                child = link;
            }
            if (child instanceof Link link && !safe(link.getDestination())) {
                link.setDestination("");
            }
            neutralise(child);
            child = next;
        }
    }

    private static boolean safe(String destination) {
        int colon = destination.indexOf(':');
        if (colon < 0) {
            return !destination.startsWith("//");
        }
        return SAFE_SCHEMES.contains(destination
                .substring(0, colon)
                .toLowerCase(java.util.Locale.ROOT)
                .trim());
    }
}
