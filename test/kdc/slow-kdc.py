#!/usr/bin/env python3
"""A TCP relay in front of a KDC that holds every reply back for a while:
a slow or distant KDC, so kinit's password prompt comes late.

    slow-kdc.py LISTEN_PORT KDC_PORT DELAY_SECONDS

Prints "ready" once listening. Loopback only.
"""
import asyncio
import sys


async def relay(reader, writer, delay):
    try:
        while data := await reader.read(65536):
            if delay:
                await asyncio.sleep(delay)
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def main(listen, kdc, delay):
    async def handle(client_r, client_w):
        kdc_r, kdc_w = await asyncio.open_connection('127.0.0.1', kdc)
        await asyncio.gather(relay(client_r, kdc_w, 0), relay(kdc_r, client_w, delay),
                             return_exceptions=True)

    server = await asyncio.start_server(handle, '127.0.0.1', listen)
    print('ready', flush=True)
    async with server:
        await server.serve_forever()


if __name__ == '__main__':
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])))
