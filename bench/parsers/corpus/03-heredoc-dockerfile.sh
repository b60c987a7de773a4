#!/bin/bash
set -e
VERSION=1.4.2
docker build -t tools-builder - <<EOF
FROM golang:1.21
RUN go install example.com/tool@v${VERSION}
EOF
id=$(docker create tools-builder)
docker cp "$id":/go/bin/tool ./tool
docker rm -v "$id"
cat > Dockerfile.run <<'EOF'
FROM alpine:3.19
COPY tool /usr/local/bin/tool
ENTRYPOINT ["tool"]
EOF
docker build -t tools:latest -f Dockerfile.run .
