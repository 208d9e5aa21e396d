# Galateo in a container: one static binary and the policies it serves.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/galateo ./cmd/galateo

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=build /out/galateo /app/galateo
COPY policies /app/policies
COPY fixtures /app/fixtures
EXPOSE 8080
ENTRYPOINT ["/app/galateo"]
CMD ["serve"]
