# Stand-in for axllent/mailpit: smtp4dev (NuGet Rnwood.Smtp4dev 3.15.0) on Mailpit's ports, SMTP 1025 and web/API 8025.
# Runs as root (it is a test stand-in; its IMAP/POP3 listeners want low ports). Its API is /api/messages (Mailpit's is /api/v1/messages); /mailpit answers "readyz" like Mailpit's binary.
ARG SDK=local/dotnet-sdk:bookworm
FROM ${SDK}
RUN dotnet tool install --tool-path /opt/smtp4dev Rnwood.Smtp4dev --version 3.15.0
COPY mailpit-readyz.sh /mailpit
RUN chmod 755 /mailpit
EXPOSE 1025 8025
ENTRYPOINT ["/opt/smtp4dev/smtp4dev", "--smtpport=1025", "--urls=http://*:8025", "--baseappdatapath=/tmp/smtp4dev", "--db=", "--hostname=mailpit"]
