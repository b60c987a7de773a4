FROM rust:1.75
WORKDIR /usr/src/ledger
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release

