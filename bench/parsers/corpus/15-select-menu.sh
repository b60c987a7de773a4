#!/bin/bash
PS3="Which image do you want to build? "
select target in builder runtime both quit; do
  case $target in
    builder) docker build -t app-builder -f Dockerfile.build . ;;
    runtime) docker build -t app . ;;
    both) docker build -t app-builder -f Dockerfile.build . && docker build -t app . ;;
    quit) break ;;
  esac
done
