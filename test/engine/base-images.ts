/**
 * Every base image name the samples and tests build FROM. All of them are the
 * same small busybox image with toolchain stand-ins (see base/rootfs); add a
 * name here when a sample needs a new one.
 */
export const BASE_IMAGE_NAMES: readonly string[] = [
  'golang:1.7.3',
  'golang:1.21',
  'golang:1.22',
  'golang:1.22-alpine',
  'alpine:latest',
  'alpine:3.19',
  'node:20-alpine',
  'node:20',
  'nginx:1.25-alpine',
  'rust:1.75',
  'rust:1.75-slim',
  'debian:bookworm-slim',
  'maven:3.9-eclipse-temurin-17',
  'eclipse-temurin:17-jre',
  'gcc:13',
  'busybox:latest',
  'python:3.12-slim',
];

/** `FROM alpine` means alpine:latest (so 'alpine' and 'busybox' are covered); short names resolve to docker.io/library locally. */
export function fullImageName(name: string): string {
  return `docker.io/library/${name.includes(':') ? name : `${name}:latest`}`;
}
