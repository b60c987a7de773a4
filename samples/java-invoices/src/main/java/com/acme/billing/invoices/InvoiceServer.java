package com.acme.billing.invoices;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * POST /totals with CSV invoice lines in the body; answers net, tax and gross as JSON.
 * The tax rate comes from INVOICES_TAX_RATE (default 0.19).
 */
public final class InvoiceServer {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        BigDecimal taxRate = new BigDecimal(System.getenv().getOrDefault("INVOICES_TAX_RATE", "0.19"));

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/health", ex -> reply(ex, 200, "{\"status\":\"up\"}"));
        server.createContext("/totals", ex -> totals(ex, taxRate));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("invoices listening on :" + port);
    }

    private static void totals(HttpExchange ex, BigDecimal taxRate) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            reply(ex, 405, "{\"error\":\"use POST\"}");
            return;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try {
            Invoice invoice = Invoice.parse(body, taxRate);
            reply(ex, 200, String.format("{\"lines\":%d,\"net\":\"%s\",\"tax\":\"%s\",\"gross\":\"%s\"}",
                    invoice.lines().size(), invoice.net(), invoice.tax(), invoice.gross()));
        } catch (IllegalArgumentException e) {
            reply(ex, 400, "{\"error\":\"" + e.getMessage().replace("\"", "'") + "\"}");
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private InvoiceServer() {
    }
}
