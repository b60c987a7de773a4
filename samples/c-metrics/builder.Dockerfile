FROM gcc:13
WORKDIR /src
COPY Makefile ./
COPY src/ src/
RUN make && make install DESTDIR=/out PREFIX=/usr/local
