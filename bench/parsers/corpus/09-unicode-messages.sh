#!/bin/bash
set -e
echo "▶ Étape 1 : compilation dans l'image de build"
docker build -t builder-fr -f Dockerfile.build .
echo "▶ Étape 2 : extraction des artefacts — ça peut prendre une minute"
docker create --name extraction builder-fr
docker cp extraction:/srv/app/dist ./dist
docker rm extraction
echo "✔ Terminé 🎉"
docker build -t appli:derniere .
