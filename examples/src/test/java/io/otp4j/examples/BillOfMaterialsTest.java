package io.otp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Keeps {@code otp4j-bom} true to the build: it lists every published module at the project's version and
 * nothing else, the examples take otp4j's versions from it alone (as a user's project does), and it
 * carries the parent's release metadata, which it repeats because it has no parent.
 *
 * <p>The examples' own build is the other half of the check: their otp4j dependencies have no version, so
 * a module missing from the BOM fails their compilation.
 */
class BillOfMaterialsTest {

    private static final String GROUP = "io.otp4j";
    private static final String PROJECT_VERSION = "${project.version}";

    private final Path root = DocSnippets.repositoryRoot();
    private final Pom parent = Pom.read(root.resolve("pom.xml"));
    private final Pom bom = Pom.read(root.resolve("bom/pom.xml"));

    @Test
    void theBomListsEveryPublishedModuleAtTheProjectVersionAndNothingElse() {
        List<String> published = new ArrayList<>();
        for (String module : parent.modules()) {
            Pom pom = Pom.read(root.resolve(module).resolve("pom.xml"));
            boolean isPublished = !pom.property("otp4j.published").equals(Optional.of("false"));
            if (pom.packaging().equals("jar") && isPublished) {
                published.add(GROUP + ":" + pom.artifactId() + ":" + PROJECT_VERSION);
            }
            if (!isPublished) {
                assertThat(pom.property("maven.deploy.skip")).as("%s is not published, so not deployed", module)
                        .contains("true");
            }
        }

        assertThat(published).as("the published modules").contains(GROUP + ":otp4j-core:" + PROJECT_VERSION);
        assertThat(bom.managed()).extracting(Dependency::coordinates).containsExactlyInAnyOrderElementsOf(published);
        assertThat(bom.managed()).allSatisfy(d -> assertThat(d.scope()).as("scope of %s", d).isEmpty());
        assertThat(bom.parentArtifactId()).as("the BOM's parent, whose dependencyManagement an import would bring")
                .isEmpty();
        assertThat(bom.version()).isEqualTo(parent.version());
        assertThat(parent.modules()).as("the BOM is built and installed with the rest").contains("bom");
    }

    @Test
    void theExamplesTakeOtp4jsVersionsFromTheBomAlone() {
        Pom examples = Pom.read(root.resolve("examples/pom.xml"));

        assertThat(examples.managed()).extracting(Dependency::toString)
                .containsExactly(GROUP + ":otp4j-bom:" + PROJECT_VERSION + " type=pom scope=import");
        List<Dependency> otp4j = examples.dependencies().stream().filter(d -> d.groupId().equals(GROUP)).toList();
        assertThat(otp4j).as("the examples' otp4j dependencies").isNotEmpty()
                .allSatisfy(d -> assertThat(d.version()).as("version of %s", d.artifactId()).isEmpty());
        assertThat(parent.managed()).as("the parent manages no otp4j module, or the BOM would not be what the "
                + "examples' build checks").noneMatch(d -> d.groupId().equals(GROUP));
    }

    @Test
    void theBomCarriesTheParentsReleaseMetadata() {
        for (String element : List.of("url", "inceptionYear", "licenses", "developers", "scm", "issueManagement")) {
            assertThat(bom.text(element)).as("<%s> of the BOM", element).isNotBlank().isEqualTo(parent.text(element));
        }
    }

    /** One {@code <dependency>} of a POM; an absent element is an empty string. */
    record Dependency(String groupId, String artifactId, String version, String type, String scope) {
        String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }

        @Override
        public String toString() {
            return coordinates() + (type.isEmpty() ? "" : " type=" + type) + (scope.isEmpty() ? "" : " scope=" + scope);
        }
    }

    /** The few parts of a {@code pom.xml} these checks read, straight from the file (no inheritance). */
    record Pom(Element project) {

        static Pom read(Path file) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                return new Pom(factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement());
            } catch (ParserConfigurationException | SAXException | IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }

        String artifactId() {
            return childText(project, "artifactId");
        }

        String version() {
            return childText(project, "version");
        }

        String packaging() {
            String packaging = childText(project, "packaging");
            return packaging.isEmpty() ? "jar" : packaging;
        }

        Optional<String> parentArtifactId() {
            return child(project, "parent").map(p -> childText(p, "artifactId"));
        }

        List<String> modules() {
            return child(project, "modules").map(m -> children(m, "module").stream().map(Node::getTextContent)
                    .map(String::strip).toList()).orElse(List.of());
        }

        Optional<String> property(String name) {
            return child(project, "properties").flatMap(p -> child(p, name)).map(e -> e.getTextContent().strip());
        }

        List<Dependency> dependencies() {
            return dependenciesIn(Optional.of(project));
        }

        List<Dependency> managed() {
            return dependenciesIn(child(project, "dependencyManagement"));
        }

        /** @return an element's text, whitespace between and around words collapsed; empty if absent */
        String text(String element) {
            return child(project, element).map(e -> e.getTextContent().strip().replaceAll("\\s+", " ")).orElse("");
        }

        private static List<Dependency> dependenciesIn(Optional<Element> owner) {
            return owner.flatMap(o -> child(o, "dependencies")).map(ds -> children(ds, "dependency").stream()
                    .map(d -> new Dependency(childText(d, "groupId"), childText(d, "artifactId"),
                            childText(d, "version"), childText(d, "type"), childText(d, "scope")))
                    .toList()).orElse(List.of());
        }

        private static Optional<Element> child(Element parent, String name) {
            List<Element> found = children(parent, name);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
        }

        private static String childText(Element parent, String name) {
            return child(parent, name).map(e -> e.getTextContent().strip()).orElse("");
        }

        private static List<Element> children(Element parent, String name) {
            List<Element> found = new ArrayList<>();
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    found.add(e);
                }
            }
            return found;
        }
    }
}
