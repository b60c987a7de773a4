#!/bin/sh
set -e
write_dockerfile() {
	cat <<-EOF > Dockerfile.generated
	FROM ${BASE_IMAGE:-debian:bookworm-slim}
	COPY out/ /opt/app/
	CMD ["/opt/app/run"]
	EOF
}
docker build -t gen-builder -f Dockerfile.build .
docker run --rm gen-builder cat /out.tar | tar -xf -
write_dockerfile
docker build -t gen -f Dockerfile.generated .
rm -f Dockerfile.generated
