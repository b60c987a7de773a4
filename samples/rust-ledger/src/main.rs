//! ledger: a tiny in-memory double-entry ledger served over HTTP.
//!
//!   POST /transfer?from=cash&to=rent&amount=1250   move 12.50 from cash to rent
//!   GET  /balance?account=rent                     print the balance in cents
//!   GET  /health                                   liveness probe

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

type Ledger = Arc<Mutex<HashMap<String, i64>>>;

fn main() {
    let addr = std::env::var("LEDGER_ADDR").unwrap_or_else(|_| "0.0.0.0:8080".to_string());
    let listener = TcpListener::bind(&addr).unwrap_or_else(|e| {
        eprintln!("ledger: cannot listen on {addr}: {e}");
        std::process::exit(1);
    });
    eprintln!("ledger: listening on {addr}");

    let ledger: Ledger = Arc::new(Mutex::new(HashMap::new()));
    for stream in listener.incoming().flatten() {
        let ledger = Arc::clone(&ledger);
        thread::spawn(move || {
            if let Err(e) = handle(stream, &ledger) {
                eprintln!("ledger: {e}");
            }
        });
    }
}

fn handle(mut stream: TcpStream, ledger: &Ledger) -> std::io::Result<()> {
    let mut request_line = String::new();
    BufReader::new(&stream).read_line(&mut request_line)?;

    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let params = parse_query(query);

    let (status, body) = match (method, path) {
        ("GET", "/health") => (200, "ok".to_string()),
        ("GET", "/balance") => match params.get("account") {
            Some(account) => {
                let book = ledger.lock().unwrap();
                (200, book.get(*account).copied().unwrap_or(0).to_string())
            }
            None => (400, "missing account".to_string()),
        },
        ("POST", "/transfer") => transfer(ledger, &params),
        _ => (404, "not found".to_string()),
    };

    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        _ => "Not Found",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}\n",
        body.len() + 1
    )
}

fn transfer(ledger: &Ledger, params: &HashMap<&str, &str>) -> (u16, String) {
    let (Some(from), Some(to), Some(amount)) = (params.get("from"), params.get("to"), params.get("amount")) else {
        return (400, "need from, to and amount".to_string());
    };
    let Ok(amount) = amount.parse::<i64>() else {
        return (400, format!("bad amount {amount:?}"));
    };
    if amount <= 0 || from == to {
        return (400, "amount must be positive and accounts different".to_string());
    }

    let mut book = ledger.lock().unwrap();
    *book.entry(from.to_string()).or_insert(0) -= amount;
    *book.entry(to.to_string()).or_insert(0) += amount;
    (200, format!("moved {amount} from {from} to {to}"))
}

fn parse_query(query: &str) -> HashMap<&str, &str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfer_moves_money_both_ways() {
        let ledger: Ledger = Arc::new(Mutex::new(HashMap::new()));
        let params = parse_query("from=cash&to=rent&amount=1250");
        assert_eq!(transfer(&ledger, &params).0, 200);
        let book = ledger.lock().unwrap();
        assert_eq!(book["cash"], -1250);
        assert_eq!(book["rent"], 1250);
    }

    #[test]
    fn transfer_rejects_bad_amounts() {
        let ledger: Ledger = Arc::new(Mutex::new(HashMap::new()));
        assert_eq!(transfer(&ledger, &parse_query("from=a&to=b&amount=-5")).0, 400);
        assert_eq!(transfer(&ledger, &parse_query("from=a&to=b&amount=x")).0, 400);
    }
}
