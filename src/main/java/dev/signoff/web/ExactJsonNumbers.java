package dev.signoff.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.contract.ContractJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The JSON API reads and writes numbers as the contract does. Without this an edited output posted to
 * {@code /api/tasks/{id}/decision} is parsed into doubles before Signoff sees it (1208.00 arrives as 1208.0), and a
 * proposed {@code 1e2} is shown as {@code 1E+2}.
 */
@Singleton
public class ExactJsonNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        ContractJson.keepNumbersExact(mapper);
    }
}
