package dev.signoff.web;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every route the application serves, as {@code METHOD /path/{param}}, read from the application itself: the
 * JAX-RS resource methods of every class under dev.signoff on the test classpath (src/main and src/sandbox; test
 * classes declare none) and the static files under META-INF/resources. Routes Quarkus serves itself (form login,
 * health, OpenAPI) cannot be read this way; {@link #FRAMEWORK} names those the matrix covers.
 */
final class ApplicationRoutes {

    /** Served by Quarkus, not by a resource of ours; GET /no-such-page stands for every path that is no route. */
    static final Set<String> FRAMEWORK = Set.of(
            "POST /j_security_check", "GET /q/health/live", "GET /q/openapi", "GET /q/metrics", "GET /no-such-page");

    private ApplicationRoutes() {}

    static Set<String> all() {
        Set<String> routes = new TreeSet<>(resourceMethods());
        routes.addAll(staticFiles());
        return routes;
    }

    static Set<String> resourceMethods() {
        Set<String> routes = new TreeSet<>();
        for (Class<?> type : classesUnder("dev/signoff")) {
            Path root = type.getAnnotation(Path.class);
            for (Method method : type.getDeclaredMethods()) {
                String verb = httpMethod(method);
                Path sub = method.getAnnotation(Path.class);
                if (verb == null && sub != null) {
                    throw new IllegalStateException("Sub-resource locator " + type.getName() + "." + method.getName()
                            + ": list its routes in ApplicationRoutes before using one");
                }
                if (verb == null) {
                    continue;
                }
                if (root == null) {
                    throw new IllegalStateException(type.getName() + "." + method.getName()
                            + " is a resource method outside a @Path class: ApplicationRoutes cannot place it");
                }
                routes.add(verb + " " + join(root.value(), sub == null ? "" : sub.value()));
            }
        }
        return routes;
    }

    /** The files a browser fetches without signing in, as GETs. */
    static Set<String> staticFiles() {
        Set<String> routes = new TreeSet<>();
        for (java.nio.file.Path dir : directories("META-INF/resources")) {
            try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile)
                        .forEach(file -> routes.add(
                                "GET /" + dir.relativize(file).toString().replace('\\', '/')));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return routes;
    }

    static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static List<Class<?>> classesUnder(String packagePath) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return directories(packagePath).stream()
                .flatMap(dir -> {
                    java.nio.file.Path classRoot = dir;
                    for (int i = 0; i < packagePath.split("/").length; i++) {
                        classRoot = classRoot.getParent();
                    }
                    java.nio.file.Path base = classRoot;
                    try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
                        return files
                                .filter(f -> f.toString().endsWith(".class"))
                                .map(f -> base.relativize(f).toString().replace('\\', '/'))
                                .map(name -> name.substring(0, name.length() - ".class".length())
                                        .replace('/', '.'))
                                .toList()
                                .stream();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .<Class<?>>map(name -> load(name, loader))
                .toList();
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The project's own class and resource directories: jars on the classpath (webjars, Quarkus) are not ours. */
    private static List<java.nio.file.Path> directories(String name) {
        try {
            return Collections.list(
                            Thread.currentThread().getContextClassLoader().getResources(name))
                    .stream()
                    .filter(url -> url.getProtocol().equals("file"))
                    .map(ApplicationRoutes::path)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.nio.file.Path path(URL url) {
        try {
            return java.nio.file.Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
    }
}
