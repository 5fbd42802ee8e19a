def test_opd_home_answers_on_its_subdomain(client_a, opd_a):
    response = client_a.get("/")
    assert response.status_code == 200
    assert opd_a.name in response.content.decode()
