package dev.signoff.floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The floor's one endpoint, at Signoff's path, so the benchmark polls both apps the same way (BenchApp): start-up
 * ends at the first 200 from {@code GET /inbox}.
 */
@Path("/inbox")
public class Inbox {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String inbox() {
        return "floor";
    }
}
