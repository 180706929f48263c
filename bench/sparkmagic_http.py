"""sparkmagic's own HTTP client to Livy, built from config.json the way a Sparkmagic kernel
builds it (kernel_python_credentials, requests-kerberos, REQUESTS_CA_BUNDLE), driven line by
line on stdin so the benchmark can time requests without process start-up:

    NEW                   ->  {"status": 0}: a fresh client (no connection, no cookie),
                              as a newly started kernel has
    GET <path>            ->  {"status": 200, "body": ...}
    POST <path> <json>    ->  {"status": 201, "body": ...}
    (an HTTP error)       ->  {"error": "Invalid status code ..."}

Prints "ready" once imported. Run with the kernel's environment (SPARKMAGIC_CONF_DIR,
KRB5_CONFIG, KRB5CCNAME, REQUESTS_CA_BUNDLE).
"""

import json
import sys

from sparkmagic.livyclientlib.endpoint import Endpoint
from sparkmagic.livyclientlib.exceptions import HttpClientException
from sparkmagic.livyclientlib.livyreliablehttpclient import LivyReliableHttpClient
from sparkmagic.utils import configuration as conf
from sparkmagic.utils.utils import Namespace, initialize_auth


def http_client():
    creds = conf.base64_kernel_python_credentials()
    args = Namespace(auth=creds['auth'], user=creds['username'], password=creds['password'], url=creds['url'])
    endpoint = Endpoint(creds['url'], initialize_auth(args))
    return LivyReliableHttpClient.from_endpoint(endpoint)._http_client


def request(client, method, path, data):
    try:
        if method == 'GET':
            r = client.get(path, [200])
        else:
            r = client.post(path, [200, 201], json.loads(data))
    except HttpClientException as e:
        return {'error': str(e)}
    return {'status': r.status_code, 'body': r.json()}


def main():
    client = http_client()
    print('ready', flush=True)
    for line in sys.stdin:
        method, _, rest = line.rstrip('\n').partition(' ')
        if method == 'NEW':
            client = http_client()
            answer = {'status': 0}
        else:
            path, _, data = rest.partition(' ')
            answer = request(client, method, path, data)
        print(json.dumps(answer), flush=True)


if __name__ == '__main__':
    main()
